//! "Did you mean ...?": the nearest of a list of names to a likely typo.

/// The candidate closest to `word` when it is a likely typo: the same but for case, `-` and
/// `_`, or at most two edits away (and no more than half the word's length).
pub(crate) fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let norm = |s: &str| s.to_lowercase().replace('-', "_");
    let w = norm(word);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&w, &norm(c)), *c))
        .filter(|&(d, _)| d <= 2.min(w.chars().count() / 2))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_names_are_suggested_and_far_ones_are_not() {
        let keys = ["cutoff_hours", "deploy_time", "timezone"];
        assert_eq!(closest("cutof_hours", &keys), Some("cutoff_hours"));
        assert_eq!(closest("Deploy-Time", &keys), Some("deploy_time"));
        assert_eq!(closest("colour", &keys), None);
        assert_eq!(closest("tz", &keys), None);
    }
}
