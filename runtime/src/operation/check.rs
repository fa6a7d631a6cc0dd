//! Checks behind every generated `build()`: required members and the spec's constraints,
//! all reported at once, before anything is sent.

use std::fmt;

/// Why an input could not be built: every missing member and violated constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    problems: Vec<String>,
}

impl BuildError {
    /// A single missing required member.
    pub fn missing(type_name: &'static str, field: &str) -> Self {
        Self { type_name, problems: vec![format!("`{field}` is required but was not set")] }
    }

    /// The input type that failed to build.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// Each problem, one sentence each.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build {}: {}", self.type_name, self.problems.join("; "))
    }
}

impl std::error::Error for BuildError {}

/// Collects problems while a builder checks its members.
#[derive(Debug)]
pub struct Check {
    type_name: &'static str,
    problems: Vec<String>,
}

impl Check {
    /// Starts checking an input of `type_name`.
    pub fn new(type_name: &'static str) -> Self {
        Self { type_name, problems: Vec::new() }
    }

    /// A required member must be set.
    pub fn required(&mut self, field: &str, is_set: bool) {
        if !is_set {
            self.problems.push(format!("`{field}` is required but was not set"));
        }
    }

    /// An integer within inclusive bounds.
    pub fn range(&mut self, field: &str, value: Option<i64>, min: Option<i64>, max: Option<i64>) {
        if let Some(v) = value {
            if min.is_some_and(|m| v < m) || max.is_some_and(|m| v > m) {
                self.problems.push(format!("`{field}` is {v}, outside {}", bounds(min, max, "")));
            }
        }
    }

    /// A float within inclusive bounds.
    pub fn range_f64(&mut self, field: &str, value: Option<f64>, min: Option<i64>, max: Option<i64>) {
        if let Some(v) = value {
            if min.is_some_and(|m| v < m as f64) || max.is_some_and(|m| v > m as f64) || v.is_nan() {
                self.problems.push(format!("`{field}` is {v}, outside {}", bounds(min, max, "")));
            }
        }
    }

    /// A string whose length in characters is within inclusive bounds.
    pub fn length(&mut self, field: &str, value: Option<&str>, min: Option<i64>, max: Option<i64>) {
        if let Some(v) = value {
            let n = v.chars().count() as i64;
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                self.problems.push(format!("`{field}` has {n} characters, outside {}", bounds(min, max, " characters")));
            }
        }
    }

    /// A list whose item count is within inclusive bounds.
    pub fn items<T>(&mut self, field: &str, list: Option<&[T]>, min: Option<i64>, max: Option<i64>) {
        if let Some(list) = list {
            let n = list.len() as i64;
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                self.problems.push(format!("`{field}` has {n} items, outside {}", bounds(min, max, " items")));
            }
        }
    }

    /// A value that must be one of `allowed`.
    pub fn one_of<T: PartialEq + std::fmt::Display>(&mut self, field: &str, value: Option<T>, allowed: &[T]) {
        if let Some(v) = value {
            if !allowed.contains(&v) {
                let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
                self.problems.push(format!("`{field}` is {v}, not one of {}", list.join(", ")));
            }
        }
    }

    /// Checks a value that fills a `{name}` segment of a REST path: empty, `.` or `..` would
    /// send the request to another resource.
    pub fn path_segment(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            if v.is_empty() || v == "." || v == ".." {
                self.problems.push(format!("`{field}` is `{v}`, which cannot stand in a URL path"));
            }
        }
    }

    /// Checks a string against the spec's regular expression (compiled once per pattern).
    /// The message names the pattern, not the value: the value may be a secret.
    pub fn pattern(&mut self, field: &str, value: Option<&str>, pattern: &'static str) {
        let (Some(v), Some(re)) = (value, compiled(pattern)) else { return };
        if !re.is_match(v) {
            self.problems.push(format!("`{field}` does not match the pattern `{pattern}`"));
        }
    }

    /// Mutually exclusive groups of members (`[[("network_interface_id", set)],
    /// [("subnet_id", set), ("security_group_id", set)]]`): exactly one group is chosen (a
    /// group is chosen when any of its members is set), every member of it is set, and no
    /// member of another group is. The message names the groups and members, never values.
    pub fn exclusive_groups(&mut self, groups: &[&[(&str, bool)]]) {
        let show = |group: &[(&str, bool)]| format!("({})", group.iter().map(|(m, _)| format!("`{m}`")).collect::<Vec<_>>().join(", "));
        let chosen: Vec<&[(&str, bool)]> = groups.iter().copied().filter(|g| g.iter().any(|(_, set)| *set)).collect();
        match chosen.as_slice() {
            [] => {
                let all: Vec<String> = groups.iter().map(|g| show(g)).collect();
                self.problems.push(format!("set exactly one of the groups {}: none is set", all.join(" or ")));
            }
            [group] => {
                let missing: Vec<String> = group.iter().filter(|(_, set)| !set).map(|(m, _)| format!("`{m}`")).collect();
                if !missing.is_empty() {
                    self.problems.push(format!("the group {} is chosen, so {} must be set too", show(group), missing.join(", ")));
                }
            }
            several => {
                let named: Vec<String> = several.iter().map(|g| show(g)).collect();
                self.problems.push(format!("the groups {} exclude each other: set members of one only", named.join(" and ")));
            }
        }
    }

    /// A group of members of which at least one must be set (`[("region_id", set), ("vpc_id",
    /// set)]`: the region, the VPC or both). The message names the members, never values.
    pub fn at_least_one(&mut self, group: &[(&str, bool)]) {
        if !group.iter().any(|(_, set)| *set) {
            let names: Vec<String> = group.iter().map(|(m, _)| format!("`{m}`")).collect();
            self.problems.push(format!("set at least one of {}: none is set", names.join(", ")));
        }
    }

    /// `Ok` when nothing was found.
    pub fn finish(self) -> Result<(), BuildError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(BuildError { type_name: self.type_name, problems: self.problems })
        }
    }

    /// [`finish`](Self::finish), then the values of the required members, unwrapped once:
    /// `required` is one `Option` or a tuple of them (tuples nest, for more than twelve), in
    /// the order the builder passes them, each checked before by [`required`](Self::required).
    ///
    /// ```
    /// # use yun_runtime::operation::check::Check;
    /// let (region_id, image_id) = (Some("cn-hangzhou".to_owned()), Some("m-1".to_owned()));
    /// let mut check = Check::new("CreateInstanceInput");
    /// check.required("region_id", region_id.is_some());
    /// check.required("image_id", image_id.is_some());
    /// let (region_id, image_id) = check.finish_with((region_id, image_id))?;
    /// assert_eq!((region_id.as_str(), image_id.as_str()), ("cn-hangzhou", "m-1"));
    /// # Ok::<(), yun_runtime::BuildError>(())
    /// ```
    ///
    /// A value that is `None` although no problem was found (a builder that did not check
    /// it) is reported as a missing member all the same.
    pub fn finish_with<R: Required>(self, required: R) -> Result<R::Values, BuildError> {
        let type_name = self.type_name;
        self.finish()?;
        required.take().ok_or_else(|| BuildError { type_name, problems: vec!["a required member was not set".to_owned()] })
    }
}

/// The required members of an input, as a builder holds them: an `Option` (one member) or a
/// tuple of [`Required`]s; [`Check::finish_with`] takes them out.
pub trait Required {
    /// The values, unwrapped.
    type Values;
    /// The values when every one is set.
    fn take(self) -> Option<Self::Values>;
}

impl<T> Required for Option<T> {
    type Values = T;
    fn take(self) -> Option<T> {
        self
    }
}

macro_rules! required_tuples {
    ($(($($name:ident),+)),+ $(,)?) => {$(
        impl<$($name: Required),+> Required for ($($name,)+) {
            type Values = ($($name::Values,)+);
            #[allow(non_snake_case)]
            fn take(self) -> Option<Self::Values> {
                let ($($name,)+) = self;
                Some(($($name.take()?,)+))
            }
        }
    )+};
}

required_tuples!(
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F),
    (A, B, C, D, E, F, G),
    (A, B, C, D, E, F, G, H),
    (A, B, C, D, E, F, G, H, I),
    (A, B, C, D, E, F, G, H, I, J),
    (A, B, C, D, E, F, G, H, I, J, K),
    (A, B, C, D, E, F, G, H, I, J, K, L),
);

/// How many values [`Required`] takes in one tuple; a builder with more nests tuples.
pub const REQUIRED_TUPLE_MAX: usize = 12;

fn bounds(min: Option<i64>, max: Option<i64>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a} to {b}{unit}"),
        (Some(a), None) => format!("at least {a}{unit}"),
        (None, Some(b)) => format!("at most {b}{unit}"),
        (None, None) => "any".to_owned(),
    }
}

/// `pattern` compiled, from a cache shared by every builder; `None` if it does not compile
/// (the generator rejects such specs, so this only guards hand-written calls).
fn compiled(pattern: &'static str) -> Option<regex::Regex> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<regex::Regex>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.entry(pattern).or_insert_with(|| regex::Regex::new(pattern).ok()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_at_once() {
        let mut c = Check::new("ListInstancesInput");
        c.required("region_id", false);
        c.range("page_size", Some(101), Some(1), Some(100));
        c.length("instance_name", Some("a"), Some(2), Some(50));
        c.items("instance_ids", Some(&["i-1", "i-2", "i-3"][..]), None, Some(2));
        c.range("page_number", Some(1), Some(1), None);
        let e = c.finish().unwrap_err();
        assert_eq!(e.problems().len(), 4);
        assert_eq!(
            e.to_string(),
            "cannot build ListInstancesInput: `region_id` is required but was not set; \
             `page_size` is 101, outside 1 to 100; `instance_name` has 1 characters, outside 2 to 50 characters; \
             `instance_ids` has 3 items, outside at most 2 items"
        );
    }

    #[test]
    fn required_values_are_taken_once_after_the_checks() {
        let mut c = Check::new("T");
        c.required("a", true);
        c.required("b", false);
        let e = c.finish_with((Some(1), None::<String>)).unwrap_err();
        assert_eq!(e.problems(), ["`b` is required but was not set"]);
        let nested =
            ((Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(7), Some(8), Some(9), Some(10), Some(11), Some(12)), Some("m"));
        assert_eq!(Check::new("T").finish_with(nested).unwrap().1, "m");
        assert_eq!(Check::new("T").finish_with(Some(7)).unwrap(), 7);
        let unchecked = Check::new("T").finish_with((Some(1), None::<u8>)).unwrap_err();
        assert_eq!(unchecked.to_string(), "cannot build T: a required member was not set");
    }

    #[test]
    fn patterns_are_checked_without_showing_the_value() {
        let uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
        let mut check = Check::new("T");
        check.pattern("image_id", Some("0b1f2c3d-1111-2222-3333-444455556666"), uuid);
        check.pattern("other", None, uuid);
        assert!(check.finish().is_ok());
        let mut check = Check::new("T");
        check.pattern("image_id", Some("s3cret-not-a-uuid"), uuid);
        let e = check.finish().unwrap_err().to_string();
        assert!(e.contains("image_id") && e.contains("does not match") && !e.contains("s3cret"), "{e}");
    }

    #[test]
    fn exclusive_groups_need_exactly_one_whole_group() {
        let check = |n: bool, s: bool, g: bool| {
            let mut c = Check::new("AttachNetworkInterfaceInput");
            c.exclusive_groups(&[&[("network_interface_id", n)], &[("subnet_id", s), ("security_group_id", g)]]);
            c.finish().err().map(|e| e.to_string())
        };
        assert_eq!(check(true, false, false), None);
        assert_eq!(check(false, true, true), None);
        assert_eq!(
            check(false, false, false).unwrap(),
            "cannot build AttachNetworkInterfaceInput: set exactly one of the groups (`network_interface_id`) or (`subnet_id`, `security_group_id`): none is set"
        );
        assert_eq!(
            check(false, true, false).unwrap(),
            "cannot build AttachNetworkInterfaceInput: the group (`subnet_id`, `security_group_id`) is chosen, so `security_group_id` must be set too"
        );
        assert_eq!(
            check(true, false, true).unwrap(),
            "cannot build AttachNetworkInterfaceInput: the groups (`network_interface_id`) and (`subnet_id`, `security_group_id`) exclude each other: set members of one only"
        );
    }

    #[test]
    fn at_least_one_member_of_a_group() {
        let check = |r: bool, v: bool| {
            let mut c = Check::new("DescribeVSwitchesInput");
            c.at_least_one(&[("region_id", r), ("vpc_id", v)]);
            c.finish().err().map(|e| e.to_string())
        };
        assert_eq!(check(true, false), None);
        assert_eq!(check(false, true), None);
        assert_eq!(check(true, true), None);
        assert_eq!(
            check(false, false).unwrap(),
            "cannot build DescribeVSwitchesInput: set at least one of `region_id`, `vpc_id`: none is set"
        );
    }

    #[test]
    fn path_segments_must_name_a_resource() {
        let mut check = Check::new("T");
        check.path_segment("server_id", Some("srv-1"));
        check.path_segment("image_id", None);
        assert!(check.finish().is_ok());
        for bad in ["", ".", ".."] {
            let mut check = Check::new("T");
            check.path_segment("server_id", Some(bad));
            assert!(check.finish().unwrap_err().to_string().contains("cannot stand in a URL path"), "{bad:?}");
        }
    }
}
