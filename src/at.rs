//! Field paths built only when an error needs one.
//!
//! Validation checks every field of a claim file and names the one it refuses. An
//! [`At`] is that name before it is written: a chain of field names and list indices
//! on the stack, turned into a [`FieldPath`] only for an error, so checking a valid
//! file formats nothing.

use crate::error::FieldPath;

/// A place in the claim input, not yet written out: `outages[2].end` is
/// `At::root("outages").index(2).field("end")`, each step borrowing the one before.
#[derive(Debug, Clone)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Field(&'a str),
    Index(usize),
    /// A top-level list's element: `outages[2]`.
    Item(&'a str, usize),
}

impl<'a> At<'a> {
    /// A path that starts at one element of a top-level list: `outages[2]`.
    pub(crate) fn item(list: &'a str, index: usize) -> At<'a> {
        At {
            parent: None,
            step: Step::Item(list, index),
        }
    }

    /// The index of the top-level list element the path starts at (`2` for `outages[2].end`).
    pub(crate) fn item_index(&self) -> Option<usize> {
        match (self.parent, self.step) {
            (Some(parent), _) => parent.item_index(),
            (None, Step::Item(_, index)) => Some(index),
            (None, _) => None,
        }
    }

    /// The path one field deeper.
    pub(crate) fn field(&'a self, name: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    /// The path to one element of a list.
    pub(crate) fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }
}

impl From<&At<'_>> for FieldPath {
    fn from(at: &At<'_>) -> FieldPath {
        let parent = at.parent.map(FieldPath::from).unwrap_or_default();
        match at.step {
            Step::Field(name) => parent.field(name),
            Step::Index(index) => parent.index(index),
            Step::Item(list, index) => parent.field(list).index(index),
        }
    }
}

impl From<At<'_>> for FieldPath {
    fn from(at: At<'_>) -> FieldPath {
        FieldPath::from(&at)
    }
}

#[cfg(test)]
mod tests {
    use super::At;
    use crate::error::FieldPath;

    #[test]
    fn a_lazy_path_writes_as_the_eager_one() {
        let first = At::item("outages", 0);
        let services = first.field("services");
        assert_eq!(
            FieldPath::from(services.index(3)),
            FieldPath::root("outages")
                .index(0)
                .field("services")
                .index(3)
        );
        assert_eq!(first.item_index(), Some(0));
        let item = At::item("activations", 1);
        assert_eq!(
            FieldPath::from(item.field("promised")).as_str(),
            "activations[1].promised"
        );
    }
}
