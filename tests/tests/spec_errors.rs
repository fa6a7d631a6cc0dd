//! An invalid spec is rejected with an error naming the file and the place, and no
//! files are produced.

use std::path::Path;

use yun_codegen::{generate, Diagnostic, Diagnostics, GeneratedCrate};

/// Writes `text` to a temporary spec file, alone in its folder (specs in one folder must
/// not share a crate), and generates from it.
fn generate_text(name: &str, text: &str) -> (String, Result<GeneratedCrate, Diagnostics>) {
    let dir = std::env::temp_dir().join(format!("yun-spec-errors-{}", std::process::id())).join(name.trim_end_matches(".yaml"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let result = generate(&file, name);
    (file.display().to_string(), result)
}

fn minimal() -> String {
    std::fs::read_to_string(yun_tests::fixture("specs/minimal.yaml")).unwrap()
}

fn single_error(result: Result<GeneratedCrate, Diagnostics>) -> Diagnostic {
    let diagnostics = result.expect_err("the spec must be rejected");
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
    diagnostics.0.into_iter().next().unwrap()
}

#[test]
fn the_minimal_fixture_is_valid() {
    let (_, result) = generate_text("valid.yaml", &minimal());
    let generated = result.expect("valid");
    assert!(generated.files.iter().any(|f| f.path == Path::new("src/operation/list_things.rs")));
}

#[test]
fn unknown_type_reference_names_file_path_and_line() {
    let text = minimal().replace("type: list<Tag>", "type: list<Tags>");
    let (file, result) = generate_text("unknown-type.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.Tag.type");
    let line = text.lines().position(|l| l.contains("list<Tags>")).unwrap() + 1;
    assert_eq!(d.line, Some(line));
    assert_eq!(d.column, Some(9), "the column of `type`");
    assert!(d.message.contains("unknown type `Tags`"), "{}", d.message);
    assert!(d.to_string().starts_with(&format!("{file}:{line}:9: ")), "{d}");
}

#[test]
fn duplicate_operation_points_at_the_second_one() {
    let text = format!(
        "{}  ListThings:\n    docs: again\n    source: {{doc: none.txt, line: 2}}\n    http: {{method: POST, path: /}}\n",
        minimal()
    );
    let (file, result) = generate_text("duplicate.yaml", &text);
    let d = single_error(result);
    let second = text.lines().enumerate().filter(|(_, l)| *l == "  ListThings:").nth(1).unwrap().0 + 1;
    assert_eq!(d.line, Some(second));
    assert_eq!(d.path, "operations");
    assert!(d.message.contains("duplicate key `ListThings`"), "{}", d.message);
    assert!(d.to_string().contains(&file));
}

#[test]
fn broken_yaml_names_line_and_column() {
    let text = minimal().replace("  title: Demo", "  title: \"Demo");
    let (file, result) = generate_text("broken.yaml", &text);
    let d = single_error(result);
    assert!(d.line.is_some() && d.column.is_some(), "{d}");
    assert!(d.to_string().starts_with(&file));
}

#[test]
fn unknown_keys_are_rejected_with_what_is_allowed() {
    let text = minimal().replace("range: {min: 1, max: 100}", "ranges: {min: 1, max: 100}");
    let (_, result) = generate_text("unknown-key.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.PageSize.ranges");
    assert!(d.message.contains("unknown field `ranges`") && d.message.contains("`range`"), "{}", d.message);
}

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let text = minimal()
        .replace("type: list<Tag>", "type: list<Nope>")
        .replace("range: {min: 1, max: 100}", "length: {max: 3}")
        .replace("      Running: 运行中", "      Running: 运行中\n      running: 小写");
    let (_, result) = generate_text("many.yaml", &text);
    let diagnostics = result.expect_err("rejected");
    let messages: Vec<String> = diagnostics.0.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("both become the variant `Running`")));
    assert!(messages.iter().any(|m| m.starts_with("operations.ListThings.input.PageSize.length")));
    assert!(messages.iter().any(|m| m.contains("unknown type `Nope`")));
}

#[test]
fn rest_paths_error_codes_and_waiters_are_checked() {
    let text = std::fs::read_to_string(yun_tests::fixture("specs/invalid/rest-mistakes.yaml")).unwrap();
    let (_, result) = generate_text("rest-mistakes.yaml", &text);
    let diagnostics = result.expect_err("the spec must be rejected");
    let messages: Vec<String> = diagnostics.0.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].starts_with("operations.Get.input.id.location: `id` fills a path segment: it must be `required: true`"));
    assert!(messages[1].starts_with("waiters.spin.delay: a waiter must pause"));
    assert!(messages[2].contains("`InvalidParameter` and `Invalid.Parameter` both become the variant `InvalidParameter`"));
}

#[test]
fn wire_actions_one_of_and_at_least_one_of_groups_the_dry_run_parameter_and_offsets_are_checked() {
    let text = std::fs::read_to_string(yun_tests::fixture("specs/invalid/ksyun-mistakes.yaml")).unwrap();
    let (file, result) = generate_text("ksyun-mistakes.yaml", &text);
    let diagnostics = result.expect_err("the spec must be rejected");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    let found: Vec<(String, Option<usize>, String)> = diagnostics.0.iter().map(|d| (d.path.clone(), d.line, d.message.clone())).collect();
    let expected: Vec<(&str, Option<usize>, &str)> = vec![
        ("service.global_endpoint", line_of("global_endpoint:"), "`https://kec.api.ksyun.com` is not a host"),
        ("operations.Blank.action", line_of("action: \"\""), "`` is not an action name"),
        (
            "operations.DescribeInstanceFamilies.action",
            line_of("action: DescribeInstanceFamilys"),
            "operations `DescribeInstanceFamilys` and `DescribeInstanceFamilies` both send the action `DescribeInstanceFamilys`",
        ),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`Nope` is not an input member of `Attach`"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`NetworkInterfaceId` is in groups 1 and 2"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`InstanceId` is `required: true`"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "group 4 of `one_of` is empty"),
        ("operations.Lonely.one_of", line_of("one_of: [[SubnetId]]"), "`one_of` needs at least two groups"),
        ("operations.Either.at_least_one_of", line_of("at_least_one_of:"), "group 1 of `at_least_one_of` needs at least two members"),
        ("operations.Either.at_least_one_of", line_of("at_least_one_of:"), "`InstanceId` is `required: true`, so its group"),
        ("operations.Either.at_least_one_of", line_of("at_least_one_of:"), "`Nope` is not an input member of `Either`"),
        ("operations.Either.at_least_one_of", line_of("at_least_one_of:"), "`VpcId` is named twice in group 3 of `at_least_one_of`"),
        ("operations.Attach.input.DryRun", line_of("DryRun: {type: boolean}"), "`DryRun` is the service's dry-run parameter"),
        ("operations.Paged.paginator.input", line_of("paginator: {kind: offset"), "an offset must be an integer, not `string`"),
        ("operations.Paged.paginator.next", line_of("paginator: {kind: offset"), "a `page-number` or `offset` paginator has no `next`"),
    ];
    assert_eq!(found.len(), expected.len(), "{diagnostics}");
    for (path, line, message) in expected {
        assert!(
            found.iter().any(|(p, l, m)| p == path && *l == line && line.is_some() && m.starts_with(message)),
            "no diagnostic {path} (line {line:?}): {message}\nfound:\n{diagnostics}"
        );
    }
    assert!(diagnostics.to_string().contains(&format!("{file}:")), "{diagnostics}");
}

#[test]
fn kingsoft_keys_belong_to_kingsoft_specs() {
    let text = minimal().replace(
        "  sources:\n",
        "  global_endpoint: x.example.com\n  signing_name: x\n  dry_run: {member: DryRun, code: DryRunOperation}\n  sources:\n",
    );
    let (_, result) = generate_text("not-kingsoft.yaml", &text);
    let diagnostics = result.expect_err("rejected");
    let paths: Vec<&str> = diagnostics.0.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["service.global_endpoint", "service.signing_name", "service.dry_run"], "{diagnostics}");
    assert!(diagnostics.0.iter().all(|d| d.message.contains("ksyun-query protocol only") && d.line.is_some()), "{diagnostics}");
}

#[test]
fn aliases_decode_other_spellings_and_are_refused_where_they_cannot_work() {
    // Accepted on an output member: the generated field takes both spellings.
    let text = minimal().replace("      RequestId: {type: string}", "      RequestId: {type: string, aliases: [requestId]}");
    let (_, result) = generate_text("aliases-ok.yaml", &text);
    let generated = result.expect("valid");
    let op = generated.files.iter().find(|f| f.path == Path::new("src/operation/list_things.rs")).unwrap();
    for emitted in [r#""requestId" => Some("#, "value.read_over(&mut self.request_id)", "value.read_alias(&mut self.request_id)"] {
        assert!(op.contents.contains(emitted), "{emitted} in {}", op.contents);
    }

    // On an input member an alias means nothing: refused, with the place.
    let text = minimal()
        .replace("      RegionId:\n        type: string\n", "      RegionId:\n        type: string\n        aliases: [regionId]\n");
    let (file, result) = generate_text("aliases-input.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.RegionId.aliases");
    assert_eq!(d.file.display().to_string(), file);
    assert!(d.message.contains("output and structure members"), "{}", d.message);

    // An alias that is another member's wire name would decode one key into two fields.
    let text = minimal().replace("      Key: {type: string}", "      Key: {type: string, aliases: [Value]}");
    let d = single_error(generate_text("aliases-clash.yaml", &text).1);
    assert_eq!(d.path, "shapes.Tag.members.Key.aliases");
    assert!(d.message.contains("`Value` already spells the member `Value`"), "{}", d.message);
}

/// The one diagnostic of `result`, checked for its file, line, column, path and the start
/// of its message.
#[track_caller]
fn assert_located(result: Result<GeneratedCrate, Diagnostics>, file: &str, place: (usize, usize), path: &str, message: &str) -> Diagnostic {
    let d = single_error(result);
    assert_eq!(d.file.display().to_string(), file, "{d}");
    assert_eq!((d.line, d.column), (Some(place.0), Some(place.1)), "{d}");
    assert_eq!(d.path, path, "{d}");
    assert!(d.message.starts_with(message), "{d}\nwanted: {message}");
    assert!(d.to_string().starts_with(&format!("{file}:{}:{}: ", place.0, place.1)), "{d}");
    d
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or_else(|| panic!("no `{needle}`"))
}

/// Writes raw bytes as a spec and generates from it.
fn generate_bytes(name: &str, bytes: &[u8]) -> (String, Result<GeneratedCrate, Diagnostics>) {
    let dir = std::env::temp_dir().join(format!("yun-spec-errors-{}", std::process::id())).join(name.trim_end_matches(".yaml"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let result = generate(&file, name);
    (file.display().to_string(), result)
}

#[test]
fn a_file_over_4_mib_is_refused_at_line_1_without_parsing() {
    let mut text = minimal();
    text.push_str(&format!("# {}\n", "x".repeat(4 * 1024 * 1024)));
    let (file, result) = generate_text("huge.yaml", &text);
    let d = assert_located(result, &file, (1, 1), "", "the file is ");
    assert!(d.message.contains("at most 4194304 bytes (4 MiB)"), "{d}");
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let mut bytes = minimal().into_bytes();
    let at = String::from_utf8_lossy(&bytes).find("title: Demo").unwrap() + "title: De".len();
    bytes[at] = 0xff;
    let (file, result) = generate_bytes("latin1.yaml", &bytes);
    let line = line_of(&minimal(), "title: Demo");
    assert_located(result, &file, (line, 12), "", "the file is not UTF-8: byte 0xff");
}

#[test]
fn empty_files_are_refused_at_line_1() {
    for (name, text) in [("empty.yaml", ""), ("comments.yaml", "# nothing\n\n"), ("marker.yaml", "---\n")] {
        let (file, result) = generate_text(name, text);
        assert_located(result, &file, (1, 1), "", "the spec is empty");
    }
}

#[test]
fn a_second_document_is_refused_where_it_starts() {
    let text = format!("{}---\nservice: {{}}\n", minimal());
    let (file, result) = generate_text("two.yaml", &text);
    assert_located(result, &file, (line_of(&text, "---"), 1), "", "a second YAML document starts here");
}

#[test]
fn flow_nesting_beyond_64_is_refused_before_the_parser_runs() {
    // 40,000 levels: the YAML scanner alone would take minutes (quadratic), a recursive
    // reader would overflow its stack; the pre-scan stops at the 64th level.
    let n = 40_000;
    let text = minimal().replace(
        "      RequestId: {type: string}",
        &format!("      RequestId: {{type: string, default: {}{}}}", "[".repeat(n), "]".repeat(n)),
    );
    let (file, result) = generate_text("deep-flow.yaml", &text);
    let line = line_of(&text, "RequestId");
    // Indentation gives 4 levels (operations, ListThings, output, RequestId), the `{` the 5th:
    // the 65th level is the 60th `[`, after `      RequestId: {type: string, default: `.
    let column = "      RequestId: {type: string, default: ".len() + 60;
    // The path goes into the flow collections up to the refused one: `default`, then 59 items.
    let path = format!("operations.ListThings.output.RequestId.default{}", ".0".repeat(59));
    assert_located(result, &file, (line, column), &path, "the YAML nests more than 64 levels deep here");
}

#[test]
fn block_nesting_beyond_64_is_refused() {
    let mut text = minimal();
    text.push_str("waiters:\n");
    for i in 1..70 {
        text.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    let (file, result) = generate_text("deep-block.yaml", &text);
    let path = format!("waiters.{}", (1..=64).map(|i| format!("k{i}")).collect::<Vec<_>>().join("."));
    assert_located(result, &file, (line_of(&text, " k64:"), 65), &path, "the YAML nests more than 64 levels deep here");
}

#[test]
fn sequences_as_far_in_as_their_keys_count_as_levels() {
    // `k:` then `- k:` one step further: two levels a step (a sequence and a mapping).
    let mut text = minimal();
    text.push_str("waiters:\n");
    for i in 0..40 {
        text.push_str(&format!("{}- k:\n", "  ".repeat(i)));
    }
    let (file, result) = generate_text("deep-compact.yaml", &text);
    // waiters (1), then per step a sequence and a mapping: the 65th level is the mapping of step 32.
    let line = line_of(&text, "waiters:") + 32;
    assert_located(result, &file, (line, 65), &format!("waiters{}", ".0.k".repeat(32)), "the YAML nests more than 64 levels deep here");
}

#[test]
fn yaml_tags_are_refused_where_they_are() {
    let text = minimal().replace("  title: Demo", "  title: !custom Demo");
    let (file, result) = generate_text("tag.yaml", &text);
    assert_located(result, &file, (line_of(&text, "!custom"), 10), "service.title", "`!custom` is a YAML tag");
}

#[test]
fn an_alias_bomb_is_refused_with_a_place() {
    // Nine nodes, nine times nine, …: 9^8 nodes once the aliases are expanded.
    let mut bomb = vec!["&a [x, x, x, x, x, x, x, x, x]".to_owned()];
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
        bomb.push(format!("&{name} [{}]", vec![format!("*{prev}"); 9].join(", ")));
    }
    let text = minimal().replace(
        "      RequestId: {type: string}",
        &format!("      RequestId:\n        type: string\n        default: [{}]", bomb.join(", ")),
    );
    let (file, result) = generate_text("bomb.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.file.display().to_string(), file);
    assert!(d.path.starts_with("operations.ListThings.output.RequestId.default"), "{d}");
    assert_eq!((d.line, d.column), (Some(line_of(&text, "default: [&a")), Some(9)), "{d}");
    assert!(d.message.starts_with("the aliases (`*name`) here expand to too many nodes"), "{d}");
}

#[test]
fn a_duplicate_key_written_quoted_is_reported_where_it_is_repeated() {
    let text = minimal().replace("      PageSize:\n", "      PageSize:\n        type: integer\n      \"PageSize\":\n");
    let (file, result) = generate_text("dup-quoted.yaml", &text);
    let second = line_of(&text, "\"PageSize\":");
    assert_located(result, &file, (second, 7), "operations.ListThings.input", "duplicate key `PageSize`");
    let text = minimal().replace("      Key: {type: string}", "      Key: {type: string, 'type': integer}");
    let (file, result) = generate_text("dup-flow.yaml", &text);
    let line = line_of(&text, "'type'");
    let column = text.lines().nth(line - 1).unwrap().find("'type'").unwrap() + 1;
    assert_located(result, &file, (line, column), "shapes.Tag.members.Key", "duplicate field `type`");
}

#[test]
fn types_nested_beyond_32_are_refused_without_overflowing_the_stack() {
    for n in [33, 100_000] {
        let ty = format!("{}string{}", "list<".repeat(n), ">".repeat(n));
        let text = minimal().replace("type: list<Tag>", &format!("type: {ty}"));
        let (file, result) = generate_text(&format!("deep-type-{n}.yaml"), &text);
        let d =
            assert_located(result, &file, (line_of(&text, "type: list<list"), 9), "operations.ListThings.input.Tag.type", "`list<list<");
        assert!(d.message.contains(&format!("nests {n} levels of `list<>`/`map<>`: a type may nest at most 32")), "{d}");
        assert!(d.message.len() < 200, "the message quotes the type abbreviated: {d}");
    }
}

#[test]
fn a_minimum_above_its_maximum_is_refused_for_every_bound() {
    let cases = [
        (
            "range: {min: 1, max: 100}",
            "range: {min: 100, max: 1}",
            "PageSize.range",
            "`range` has min 100 above max 1: `build()` would refuse every value",
        ),
        ("range: {min: 1, max: 100}", "length: {min: 5, max: 2}", "PageSize.length", "`length` has min 5 above max 2"),
        ("range: {min: 1, max: 100}", "length: {min: -1}", "PageSize.length", "`length` -1 is negative"),
        (
            "type: list<Tag>",
            "type: list<Tag>\n        min_items: 5\n        max_items: 1",
            "Tag.min_items",
            "`min_items` 5 is above `max_items` 1",
        ),
    ];
    for (i, (from, to, path, message)) in cases.into_iter().enumerate() {
        let mut text = minimal().replace(from, to);
        if to.starts_with("length") {
            text = text.replace("      PageSize:\n        type: integer", "      PageSize:\n        type: string");
        }
        let (file, result) = generate_text(&format!("min-max-{i}.yaml"), &text);
        let key = path.rsplit('.').next().unwrap();
        let line = line_of(&text, &format!("{key}:"));
        let line_text = text.lines().nth(line - 1).unwrap();
        let column = line_text.find(&format!("{key}:")).unwrap() + 1;
        assert_located(result, &file, (line, column), &format!("operations.ListThings.input.{path}"), message);
    }
}

#[test]
fn defaults_and_allowed_values_outside_the_bounds_are_refused() {
    let text = minimal().replace("range: {min: 1, max: 100}", "range: {min: 1, max: 100}\n        default: 0");
    let (file, result) = generate_text("default-outside.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "default: 0"), 9),
        "operations.ListThings.input.PageSize.default",
        "default 0 is outside `range` 1..=100",
    );
    let text = minimal().replace("range: {min: 1, max: 100}", "range: {min: 1, max: 100}\n        allowed: [10, 200]");
    let (file, result) = generate_text("allowed-outside.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "allowed:"), 9),
        "operations.ListThings.input.PageSize.allowed",
        "the allowed value 200 is outside `range` 1..=100",
    );
    let text = minimal().replace("range: {min: 1, max: 100}", "allowed: [10, 20]\n        default: 15");
    let (file, result) = generate_text("default-not-allowed.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "default: 15"), 9),
        "operations.ListThings.input.PageSize.default",
        "default 15 is not one of the `allowed` values",
    );
}

#[test]
fn path_templates_with_broken_braces_are_refused() {
    for (i, (path, message)) in [
        ("/a/{b", "`/a/{b`: the segment `{b` is not closed"),
        ("/a/{}", "`/a/{}`: `{}` is an empty segment"),
        ("/a/b}", "`/a/b}`: a `}` closes no `{`"),
    ]
    .into_iter()
    .enumerate()
    {
        let text = minimal().replace("http: {method: POST, path: /}", &format!("http: {{method: POST, path: \"{path}\"}}"));
        let (file, result) = generate_text(&format!("path-{i}.yaml"), &text);
        let line = line_of(&text, "http:");
        let column = text.lines().nth(line - 1).unwrap().find("path:").unwrap() + 1;
        assert_located(result, &file, (line, column), "operations.ListThings.http.path", message);
    }
}

#[test]
fn crate_names_of_workspace_packages_and_sibling_specs_are_refused() {
    // Outside a workspace: the yun workspace's own packages.
    for name in ["runtime", "codegen", "tests"] {
        let text = minimal().replace("crate: fixture-minimal", &format!("crate: {name}"));
        let (file, result) = generate_text(&format!("crate-{name}.yaml"), &text);
        assert_located(
            result,
            &file,
            (line_of(&text, "crate:"), 3),
            "service.crate",
            &format!("the crate `{name}` is the package `yun-{name}`, a package of the yun repository"),
        );
    }
    // Inside a workspace: its members' packages, and the other specs of the folder.
    let root = std::env::temp_dir().join(format!("yun-spec-errors-{}", std::process::id())).join("workspace");
    std::fs::create_dir_all(root.join("tools/helper")).unwrap();
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"tools/*\"]\n").unwrap();
    std::fs::write(root.join("tools/helper/Cargo.toml"), "[package]\nname = \"yun-helper\"\n").unwrap();
    let text = minimal().replace("crate: fixture-minimal", "crate: helper");
    std::fs::write(root.join("specs/other.yaml"), &text).unwrap();
    let file = root.join("specs/helper.yaml");
    std::fs::write(&file, &text).unwrap();
    let diagnostics = generate(&file, "specs/helper.yaml").expect_err("refused");
    let messages: Vec<String> =
        diagnostics.0.iter().map(|d| format!("{}:{}:{}: {}", d.path, d.line.unwrap(), d.column.unwrap(), d.message)).collect();
    let line = line_of(&text, "crate:");
    assert_eq!(
        messages,
        [
            format!("service.crate:{line}:3: the crate `helper` is the package `yun-helper`, which the workspace already has (`tools/helper`): choose another `crate`"),
            format!("service.crate:{line}:3: `other.yaml` in the same folder also generates the crate `helper`: each spec needs its own `crate`"),
        ]
    );
}

#[test]
fn names_the_file_system_refuses_are_refused() {
    let long = format!("Get{}", "Thing".repeat(60));
    let text = minimal().replace("  ListThings:", &format!("  {long}:"));
    let (file, result) = generate_text("long-name.yaml", &text);
    assert_located(result, &file, (line_of(&text, &long), 3), &format!("operations.{long}"), "operation `GetThingThing");
    let text = minimal().replace("  ListThings:", "  Con:");
    let (file, result) = generate_text("device-name.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "Con:"), 3),
        "operations.Con",
        "operation `Con` is written to `src/operation/con.rs`, a name Windows reserves",
    );
    let text = minimal().replace("crate: fixture-minimal", "crate: fixture--minimal-");
    let (file, result) = generate_text("crate-format.yaml", &text);
    assert_located(result, &file, (line_of(&text, "crate:"), 3), "service.crate", "`fixture--minimal-` is not a crate folder name");
}

#[test]
fn names_the_generator_reserves_are_refused_at_the_name() {
    let text = minimal().replace("  ListThings:", "  New:");
    let (file, result) = generate_text("op-new.yaml", &text);
    assert_located(result, &file, (line_of(&text, "  New:"), 3), "operations.New", "operation `New` becomes the client method `new`");
    let text = minimal().replace("  Tag:\n    type: structure", "  Params:\n    type: structure").replace("list<Tag>", "list<Params>");
    let (file, result) = generate_text("shape-params.yaml", &text);
    assert_located(result, &file, (line_of(&text, "  Params:"), 3), "shapes.Params", "shape `Params` becomes the type `Params`");
}

#[test]
fn wire_names_must_be_names() {
    let text = minimal().replace("      Key: {type: string}", "      \"\": {type: string}");
    let (file, result) = generate_text("empty-wire.yaml", &text);
    assert_located(result, &file, (line_of(&text, "\"\": {"), 7), "shapes.Tag.members.", "`` is not a wire name");
}

#[test]
fn diagnostics_are_also_json() {
    let text = minimal().replace("type: list<Tag>", "type: list<Tags>");
    let (file, result) = generate_text("json.yaml", &text);
    let diagnostics = result.expect_err("refused");
    let json: serde_json::Value = serde_json::from_str(&diagnostics.to_json()).unwrap();
    let line = line_of(&text, "list<Tags>");
    assert_eq!(
        json,
        serde_json::json!([{
            "file": file,
            "line": line,
            "column": 9,
            "path": "operations.ListThings.input.Tag.type",
            "message": "unknown type `Tags`: no shape of that name (shapes: Status, Tag)",
        }])
    );
    assert_eq!(serde_json::to_value(&diagnostics).unwrap(), json);
}

/// The minimal spec with a page-number paginator on `ListThings`; `paginator` is the
/// paginator's flow mapping, `extra` goes after it (`one_of`, …).
fn paged(paginator: &str, extra: &str) -> String {
    minimal()
        .replace("      PageSize:\n", "      PageNumber: {type: integer}\n      Marker: {type: integer}\n      PageSize:\n")
        .replace("      Status: {type: Status}", "      Status: {type: Status}\n      Things: {type: list<Tag>}")
        .replace("    http: {method: POST, path: /}", &format!("    http: {{method: POST, path: /}}\n    paginator: {paginator}\n{extra}"))
}

#[test]
fn paginators_and_waiters_that_contradict_themselves_are_refused() {
    let ok = paged("{kind: page-number, input: PageNumber, page_size: PageSize, items: Things}", "");
    generate_text("paged-ok.yaml", &ok).1.expect("valid");

    let column_of = |text: &str, line: usize, needle: &str| text.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
    let text = paged("{kind: page-number, input: PageNumber, page_size: RegionId, items: Things}", "");
    let (file, result) = generate_text("page-size-string.yaml", &text);
    let line = line_of(&text, "paginator:");
    assert_located(
        result,
        &file,
        (line, column_of(&text, line, "page_size:")),
        "operations.ListThings.paginator.page_size",
        "a page size must be an integer, not `string`",
    );

    let text = paged("{kind: page-number, input: PageNumber, page_size: PageNumber, items: Things}", "");
    let (file, result) = generate_text("page-size-is-input.yaml", &text);
    assert_located(
        result,
        &file,
        (line, column_of(&text, line, "page_size:")),
        "operations.ListThings.paginator.page_size",
        "`PageNumber` is the paginator's `input` too",
    );

    let text = paged("{kind: page-number, input: PageNumber, items: Things}", "    one_of: [[PageNumber], [Marker]]\n");
    let (file, result) = generate_text("paginator-in-one-of.yaml", &text);
    assert_located(
        result,
        &file,
        (line, column_of(&text, line, "input:")),
        "operations.ListThings.paginator.input",
        "`PageNumber` is in group 1 of `one_of`",
    );

    let text = format!("{}waiters:\n  running:\n    docs: d\n    operation: ListThings\n    state: Status\n    success: [Running]\n    failure: [Stopped, Running]\n", minimal());
    let (file, result) = generate_text("waiter-both.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "failure:"), 5),
        "waiters.running.failure",
        "`Running` is both a success and a failure state",
    );
}

#[test]
fn error_codes_must_be_codes_with_http_statuses() {
    let text = format!(
        "{}errors:\n  - {{code: Fine, http_status: 400}}\n  - {{code: Throttled, http_status: 4290}}\n  - {{code: \"\"}}\n",
        minimal()
    );
    let (file, result) = generate_text("error-codes.yaml", &text);
    let diagnostics = result.expect_err("refused");
    let found: Vec<(String, Option<usize>, Option<usize>, String)> =
        diagnostics.0.iter().map(|d| (d.path.clone(), d.line, d.column, d.message.clone())).collect();
    let status_line = line_of(&text, "4290");
    let empty_line = line_of(&text, "code: \"\"");
    assert_eq!(
        found,
        [
            ("errors.1.http_status".to_owned(), Some(status_line), Some(23), "not an HTTP status (100 to 599)".to_owned()),
            ("errors.2.code".to_owned(), Some(empty_line), Some(6), "an error code is not empty".to_owned()),
        ],
        "{file}: {diagnostics}"
    );
}

#[test]
fn the_remaining_limits_and_contradictions_are_located() {
    let column_of = |text: &str, line: usize, needle: &str| text.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;

    // Content after the end marker of the document.
    let text = format!("{}...\nmore: 1\n", minimal());
    let (file, result) = generate_text("after-end.yaml", &text);
    assert_located(result, &file, (line_of(&text, "more: 1"), 1), "", "content after the end of the YAML document (`...`)");

    // Crate names: too long, a Windows device.
    let long = format!("c{}", "-x".repeat(40));
    let text = minimal().replace("crate: fixture-minimal", &format!("crate: {long}"));
    let (file, result) = generate_text("crate-long.yaml", &text);
    assert_located(result, &file, (line_of(&text, "crate:"), 3), "service.crate", "the crate name is 81 characters long: at most 64");
    let text = minimal().replace("crate: fixture-minimal", "crate: nul");
    let (file, result) = generate_text("crate-nul.yaml", &text);
    assert_located(result, &file, (line_of(&text, "crate:"), 3), "service.crate", "`nul` is a name Windows reserves for a device");

    // Path templates: nested, repeated, with a blank.
    for (i, (path, message)) in [
        ("/a/{b{c}}", "`/a/{b{c}}`: a `{` inside a `{…}` segment"),
        ("/{a}/{a}", "`/{a}/{a}`: `{a}` is in the path twice"),
        ("/a b", "`/a b` holds ' ': a path template has no blanks"),
    ]
    .into_iter()
    .enumerate()
    {
        let text = minimal().replace("http: {method: POST, path: /}", &format!("http: {{method: POST, path: \"{path}\"}}"));
        let (file, result) = generate_text(&format!("path-more-{i}.yaml"), &text);
        let line = line_of(&text, "http:");
        assert_located(result, &file, (line, column_of(&text, line, "path:")), "operations.ListThings.http.path", message);
    }

    // Strings against `length`: an allowed value, a default.
    let text = minimal().replace(
        "      RegionId:\n        type: string\n",
        "      RegionId:\n        type: string\n        length: {max: 2}\n        allowed: [ab, abc]\n",
    );
    let (file, result) = generate_text("allowed-length.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "allowed: [ab"), 9),
        "operations.ListThings.input.RegionId.allowed",
        "the allowed value `abc` has a length outside `length` ..=2",
    );
    let text = minimal().replace(
        "      RegionId:\n        type: string\n",
        "      RegionId:\n        type: string\n        length: {min: 2}\n        default: a\n",
    );
    let (file, result) = generate_text("default-length.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "default: a"), 9),
        "operations.ListThings.input.RegionId.default",
        "default `a` has a length outside `length` 2..=",
    );

    // Service names that cannot be sent; an empty body wrapper.
    let text = minimal().replace("  name: demo", "  name: de mo");
    let (file, result) = generate_text("service-name.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "name: de mo"), 3),
        "service.name",
        "`de mo` cannot be sent: the name is not empty and has no blanks",
    );
    let text = minimal().replace("api_version: \"2020-01-01\"", "api_version: \"\"");
    let (file, result) = generate_text("service-version.yaml", &text);
    assert_located(
        result,
        &file,
        (line_of(&text, "api_version:"), 3),
        "service.api_version",
        "`` cannot be sent: the api_version is not empty",
    );
    let jd = std::fs::read_to_string(yun_tests::fixture("specs/jdcloud-minimal.yaml")).unwrap();
    let (from, _) = jd.lines().map(|l| (l, ())).find(|(l, _)| l.contains("method: POST")).expect("a POST in the JD fixture");
    let to = from.replace("method: POST", "method: POST, body_wrapper: \"\"");
    let text = jd.replacen(from, &to, 1);
    let (file, result) = generate_text("body-wrapper-empty.yaml", &text);
    let line = line_of(&text, "body_wrapper");
    let column = text.lines().nth(line - 1).unwrap().find("body_wrapper").unwrap() + 1;
    assert_located(
        result,
        &file,
        (line, column),
        &format!("operations.{}.http.body_wrapper", jd_post_operation(&text, line)),
        "a `body_wrapper` names the key the body goes under",
    );

    // An endpoint with a placeholder the runtime does not fill.
    let text = minimal().replace("endpoint: \"demo.{region}.aliyuncs.com\"", "endpoint: \"demo.{zone}.aliyuncs.com\"");
    let (file, result) = generate_text("endpoint-zone.yaml", &text);
    assert_located(result, &file, (line_of(&text, "endpoint:"), 3), "service.endpoint", "`demo.{zone}.aliyuncs.com` is not a host pattern");

    // A wire name with a control character.
    let text = minimal().replace("      Key: {type: string}", "      \"K\\u0007\": {type: string}");
    let (file, result) = generate_text("bell.yaml", &text);
    // Found as the parser reads the quoted key; the path shows the control character escaped.
    assert_located(result, &file, (line_of(&text, "K\\u0007"), 7), "shapes.Tag.members.K\\u{7}", "`K\\u{7}` is not a wire name");
}

/// The key of the operation whose block holds `line` (an operation key is indented by two).
fn jd_post_operation(text: &str, line: usize) -> String {
    text.lines()
        .take(line)
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.trim_end().ends_with(':'))
        .last()
        .unwrap()
        .trim()
        .trim_end_matches(':')
        .to_owned()
}
