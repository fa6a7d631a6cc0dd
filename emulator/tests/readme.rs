//! The README's table of stateful, catalogue and shape-only operations is the emulator's own:
//! built here from what a spawned emulator reports ([`yun_emulator::Emulator::stateful_actions`],
//! `catalogue_actions`, `all_actions`) and compared with the README's lines, so a resource model
//! or catalogue lookup added without updating the README fails this test (its message holds the
//! table to paste).

/// The README's table rows and the sentence counting them, as the emulator answers.
fn expected(emulator: &yun_emulator::Emulator) -> (Vec<String>, [usize; 3]) {
    let stateful = emulator.stateful_actions();
    let catalogued = emulator.catalogue_actions();
    let all = emulator.all_actions();
    let mut rows = Vec::new();
    let mut shape_only_crates = Vec::new();
    let mut shape_only_ops = 0;
    let mut totals = [0; 3];
    for ((name, stateful), ((_, catalogued), (_, all))) in stateful.iter().zip(catalogued.iter().zip(&all)) {
        let shape = all.len() - stateful.len() - catalogued.len();
        totals[0] += stateful.len();
        totals[1] += catalogued.len();
        totals[2] += shape;
        if stateful.is_empty() && catalogued.is_empty() {
            shape_only_crates.push(*name);
            shape_only_ops += shape;
            continue;
        }
        let lookups = if catalogued.is_empty() { String::new() } else { format!(" ({})", catalogued.join(", ")) };
        rows.push(format!("| {name} | {} | {} | {shape} | {}{lookups} |", stateful.len(), catalogued.len(), stateful.join(", ")));
    }
    rows.push(format!(
        "| {} | 0 | 0 | {shape_only_ops} | (no resource model: lookups, credentials, key pairs) |",
        shape_only_crates.join(", ")
    ));
    (rows, totals)
}

#[tokio::test]
async fn the_readme_table_of_stateful_operations_is_the_emulators() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let (rows, [stateful, catalogued, shape]) = expected(&emulator);
    // The table's rows: every line after its header line, up to the first line that is not a row.
    let header = "| crate | stateful | from the catalogue | shape only | stateful operations (and catalogue lookups) |";
    let table: Vec<&str> = readme.lines().skip_while(|l| *l != header).skip(2).take_while(|l| l.starts_with('|')).collect();
    assert!(!table.is_empty(), "README.md has no table headed {header}");
    assert_eq!(table, rows, "README.md's emulator table is stale; its rows are now:\n{}", rows.join("\n"));
    let total = stateful + catalogued + shape;
    for sentence in [
        format!("{stateful} of the {total} operations are stateful"),
        format!("{catalogued} lookups the flows make"),
        format!("The other {shape} "),
    ] {
        assert!(readme.contains(&sentence), "README.md should say `{sentence}`");
    }
}
