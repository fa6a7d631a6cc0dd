//! What every generated output offers besides its members, once for all of them.

use crate::response::decode::{Answer, Bytes, DecodeWarning};

/// An operation's output and what it kept of the answer it was decoded from: the warnings of
/// the values decoding left out and the raw body. Every generated output implements it (its
/// crate re-exports the trait at its root: `use yun_aliyun_ecs::Answered;`).
pub trait Answered {
    /// What the output kept of its answer.
    fn answer(&self) -> &Answer;

    /// The values of the answer that did not fit their members even under the runtime's
    /// lenient decoding: each such member is absent, and named here with the raw text that
    /// came (withheld when the output holds a secret).
    fn warnings(&self) -> &[DecodeWarning] {
        self.answer().warnings()
    }

    /// The raw body of the answer, for members the spec does not know yet; `None` when the
    /// output holds a secret, or was not decoded from an answer.
    fn raw_body(&self) -> Option<&Bytes> {
        self.answer().raw_body()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Output(Answer);

    impl Answered for Output {
        fn answer(&self) -> &Answer {
            &self.0
        }
    }

    #[test]
    fn the_accessors_read_the_kept_answer() {
        let output = Output(Answer::new(Vec::new(), Some(Bytes::from_static(b"{}"))));
        assert!(output.warnings().is_empty());
        assert_eq!(output.raw_body().map(|b| &b[..]), Some(&b"{}"[..]));
        assert_eq!(Output(Answer::default()).raw_body(), None);
    }
}
