//! Structures that hold each other directly (`A → B → A`, or `A → A`) without a list or a
//! map in between would have an infinite size in Rust. The rule: **every member whose
//! structure type lies in the same strongly connected component as the structure holding
//! it becomes `Box<T>`** (an edge inside a strongly connected component always lies on a
//! cycle, an edge between components never does). It depends only on the graph, not on the
//! order of shapes or members, so the output is deterministic; it may box more members than
//! the fewest that would do (both `A.b` and `B.a` in `A → B → A`), which costs nothing
//! that matters and keeps the rule one sentence. Members through a list or a map are
//! already on the heap and never boxed.
//!
//! The search (Tarjan's) is iterative: no recursion on the depth of the graph.

use std::collections::HashMap;

use super::{RustType, Shape, ShapeKind};

/// Boxes the members of `shapes` that lie on a cycle of direct structure members.
pub fn box_cycles(shapes: &mut [Shape]) {
    let index: HashMap<&str, usize> = shapes.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
    // Direct structure members: holder → held, by index.
    let edges: Vec<Vec<usize>> = shapes
        .iter()
        .map(|s| match &s.kind {
            ShapeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.ty)).filter_map(|n| index.get(n).copied()).collect(),
            ShapeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let component = components(&edges);
    // (shape, field) of each member to box, found before anything changes.
    let mut boxed: Vec<(usize, usize)> = Vec::new();
    for (i, shape) in shapes.iter().enumerate() {
        if let ShapeKind::Struct(fields) = &shape.kind {
            for (k, f) in fields.iter().enumerate() {
                let held = direct(&f.ty).and_then(|n| index.get(n).copied());
                if held.is_some_and(|j| component[j] == component[i]) {
                    boxed.push((i, k));
                }
            }
        }
    }
    for (i, k) in boxed {
        if let ShapeKind::Struct(fields) = &mut shapes[i].kind {
            let f = &mut fields[k];
            let ty = std::mem::replace(&mut f.ty, RustType::Scalar(crate::spec::Scalar::String));
            f.ty = RustType::Boxed(Box::new(ty));
        }
    }
}

/// The structure a member holds directly (not through a list, a map or a box).
fn direct(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Struct(name) => Some(name),
        _ => None,
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, with an explicit stack).
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n]; // discovery index
    let mut low = vec![0; n];
    let mut component = vec![UNSEEN; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if order[w] == UNSEEN {
                    order[w] = next_order;
                    low[w] = next_order;
                    next_order += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_group_nodes_on_a_cycle() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 3, 4 alone, 5 → 4.
        let c = components(&[vec![1], vec![2], vec![0, 3], vec![3], vec![], vec![4]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[5] && c[4] != c[0]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        // 200 000 structures in one cycle: an explicit stack, no stack overflow.
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = components(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}

#[cfg(test)]
mod rule {
    use std::path::Path;

    use crate::ir::{RustType, ShapeKind};

    /// `(shape, field) → boxed` for a spec's structures.
    fn boxed(shapes: &str) -> Vec<(String, String, bool)> {
        let text = format!(
            "service:\n  provider: jdcloud\n  name: r\n  title: T\n  crate: r\n  api_version: v1\n  protocol: jdcloud-rest\n  signing: [jdcloud3-hmac-sha256]\n  endpoint: r.example.com\n  docs: d\n  sources: {{document: none.txt}}\noperations: {{}}\nshapes:\n{shapes}"
        );
        let loaded = crate::load::load_str(Path::new("r.yaml"), text).unwrap();
        crate::validate::validate(&loaded).unwrap();
        let service = crate::ir::resolve(&loaded);
        let mut out = Vec::new();
        for shape in &service.shapes {
            if let ShapeKind::Struct(fields) = &shape.kind {
                for f in fields {
                    out.push((shape.name.clone(), f.name.clone(), matches!(f.ty, RustType::Boxed(_))));
                }
            }
        }
        out
    }

    #[test]
    fn members_on_a_cycle_of_direct_members_are_boxed_and_no_other() {
        let found = boxed(
            "  Node: {type: structure, docs: d, members: {next: {type: Node}, children: {type: list<Node>}, byName: {type: \"map<string,Node>\"}}}\n  Left: {type: structure, docs: d, members: {right: {type: Right}}}\n  Right: {type: structure, docs: d, members: {left: {type: Left}, leaf: {type: Leaf}}}\n  Leaf: {type: structure, docs: d, members: {x: {type: integer}}}\n  Top: {type: structure, docs: d, members: {left: {type: Left}}}\n",
        );
        let expected = [
            ("Node", "next", true),
            ("Node", "children", false),
            ("Node", "by_name", false),
            ("Left", "right", true),
            ("Right", "left", true),
            ("Right", "leaf", false),
            ("Leaf", "x", false),
            ("Top", "left", false),
        ];
        assert_eq!(found, expected.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c)));
    }

    #[test]
    fn the_choice_does_not_depend_on_the_order_of_shapes() {
        let a = "  A: {type: structure, docs: d, members: {b: {type: B}}}\n";
        let b = "  B: {type: structure, docs: d, members: {c: {type: C}, a: {type: A}}}\n";
        let c = "  C: {type: structure, docs: d, members: {a: {type: A}}}\n";
        let mut one = boxed(&format!("{a}{b}{c}"));
        let mut two = boxed(&format!("{c}{b}{a}"));
        one.sort();
        two.sort();
        assert_eq!(one, two);
        assert!(one.iter().all(|(_, _, boxed)| *boxed));
    }
}
