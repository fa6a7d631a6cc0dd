//! Rust names for spec names: types, fields, functions and enum variants.
//!
//! Every decision about spelling lives here, so the resolver and the validator agree.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keeps ASCII letters, digits and `_` (what an identifier may hold); other characters
/// become `_` before case conversion, so any wire name yields a valid identifier.
fn ascii_words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// `ListInstances` → `ListInstances`; `zh-CN` → `ZhCn`; `1` → `V1`.
pub fn type_name(name: &str) -> String {
    let camel = ascii_words(name).to_upper_camel_case();
    if camel.is_empty() {
        return "Empty".to_owned();
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    }
}

/// `InstanceIds` → `instance_ids`; `Type` → `type_`; `Self` → `self_`; `名称` → `u540d_u79f0`.
pub fn field_name(name: &str) -> String {
    let mut snake = ascii_words(name).to_snake_case();
    if snake.is_empty() {
        // No ASCII letter or digit (`名称`): each character beyond ASCII becomes a word, `u`
        // and its code point (`u540d_u79f0`), so such members stay apart.
        let spelled: String = name.chars().map(|c| if c.is_ascii() { "_".to_owned() } else { format!("_u{:x}_", u32::from(c)) }).collect();
        snake = spelled.to_snake_case();
    }
    let snake = if snake.is_empty() { "field".to_owned() } else { snake };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("v{snake}") } else { snake };
    if crate::reserved::KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Module and file name of an operation: `ListInstances` → `list_instances`.
pub fn module_name(name: &str) -> String {
    field_name(name)
}

/// An enum variant for a wire value (or an error code), in ASCII. A value spelled as one of
/// [`crate::reserved::ENUM_VARIANTS`] (`Unknown`, the catch-all; `Err`; `Self`) becomes
/// `<Name>Value`.
pub fn variant_name(value: &str) -> String {
    // A character beyond ASCII becomes a word of its own, `U` and its code point (`运行中` →
    // `U8fd0U884cU4e2d`, `ÜBER` → `UdcBer`): values in other scripts stay apart instead of
    // all becoming `Empty`.
    let spelled: String = value.chars().map(|c| if c.is_ascii() { c.to_string() } else { format!("_U{:X}_", u32::from(c)) }).collect();
    let name = type_name(&spelled);
    if crate::reserved::ENUM_VARIANTS.iter().any(|(reserved, _)| *reserved == name) {
        format!("{name}Value")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_rust_names() {
        assert_eq!(field_name("InstanceIds"), "instance_ids");
        assert_eq!(field_name("Type"), "type_");
        assert_eq!(type_name("zh-CN"), "ZhCn");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("err"), "ErrValue");
        assert_eq!(variant_name("运行中"), "U8fd0U884cU4e2d");
        assert_eq!(variant_name("ÜBER"), "UdcBer");
        assert_ne!(variant_name("état-arrêté"), variant_name("tat-arrt"));
        assert_eq!(variant_name("12"), "V12");
        assert_eq!(variant_name("PrePaid"), "PrePaid");
        assert_eq!(module_name("DescribeInstanceVncUrl"), "describe_instance_vnc_url");
        assert_eq!(field_name("Request𑤌Id"), "request_id");
        assert_eq!(field_name("中文"), "u4e2d_u6587");
        assert_eq!(field_name("名称"), "u540d_u79f0");
        assert_eq!(field_name("-"), "field");
        assert_eq!(type_name("¼"), "Empty");
        // No field starts with `_` (emitters name private helpers `_…`).
        assert_eq!(field_name("_Request_Id_"), "request_id");
        assert_eq!(field_name("__"), "field");
    }
}
