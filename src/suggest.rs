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

/// The candidates nearest to `word`, nearest first (then in the candidates' order), at most
/// `limit` of them: those at the smallest distance found, when it is a likely typo (a letter
/// or two added, dropped, changed or swapped, and no more than half the word). Case is
/// ignored.
pub(crate) fn nearest<'c>(word: &str, candidates: &[&'c str], limit: usize) -> Vec<&'c str> {
    let w = word.to_lowercase();
    // No typo of a name is this long; a huge value costs no quadratic comparison.
    if w.len() > 100 {
        return Vec::new();
    }
    let most = 2.min(w.chars().count() / 2);
    let scored: Vec<(usize, &'c str)> = candidates
        .iter()
        .map(|c| (strsim::osa_distance(&w, &c.to_lowercase()), *c))
        .filter(|&(d, _)| d <= most)
        .collect();
    let Some(best) = scored.iter().map(|&(d, _)| d).min() else {
        return Vec::new();
    };
    let mut out: Vec<&'c str> = Vec::new();
    for (_, c) in scored.into_iter().filter(|&(d, _)| d == best) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(c)) && out.len() < limit {
            out.push(c);
        }
    }
    out
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
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

    #[test]
    fn nearest_names_are_those_at_the_smallest_distance() {
        use super::nearest;
        let places = ["Australia", "Austria", "Europe", "Germany", "Japan", "JP"];
        assert_eq!(nearest("Eurpoe", &places, 3), ["Europe"]);
        assert_eq!(nearest("japn", &places, 3), ["Japan"]);
        assert_eq!(nearest("Austrlia", &places, 3), ["Australia", "Austria"]);
        assert_eq!(nearest("Atlantis", &places, 3), Vec::<&str>::new());
        assert_eq!(super::or_list(&["a", "b", "c"]), "a, b or c");
    }
}
