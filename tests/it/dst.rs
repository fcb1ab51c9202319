//! Time edges: DST transitions 1990-2100, far-away zones, leap days.
