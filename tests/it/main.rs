mod holidays;
