//! Links the `golive` binary as a position-dependent executable on Linux with glibc.
//!
//! A position-independent executable (the toolchain's default) is relocated by the dynamic
//! loader at every start, and golive carries some 35,000 relocations, most of them in the
//! time-zone database's tables (each of chrono-tz's transitions points at its abbreviation).
//! Applying them, and the copy-on-write faults of the 1 MB of tables they write to, cost about
//! 0.5 ms of every run, a fifth of `golive when` (README "Performance"). Go links its Linux
//! binaries the same way by default. The libraries and the heap are still placed at random;
//! `GOLIVE_PIE=1` at build time keeps the default, for a packager whose policy wants it.
//!
//! Only the binaries are linked so (`rustc-link-arg-bins`): the library, the tests' own
//! executables and any proc-macro stay as the toolchain builds them.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=GOLIVE_PIE");
    let cfg = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu = cfg("CARGO_CFG_TARGET_OS") == "linux" && cfg("CARGO_CFG_TARGET_ENV") == "gnu";
    let arch = cfg("CARGO_CFG_TARGET_ARCH");
    if linux_gnu
        && matches!(arch.as_str(), "x86_64" | "aarch64")
        && std::env::var_os("GOLIVE_PIE").is_none_or(|v| v.is_empty() || v == "0")
    {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
