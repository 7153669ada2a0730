//! Placing definitions in files when packages depend on each other both ways.
//!
//! Protobuf files cannot import each other in a cycle, but a package may span several files.
//! Each IDL module path is one package; its definitions go to one file (`A.B.proto`) unless the
//! package is part of a cycle of packages. Then its definitions are split by what they need:
//!
//! 1. definitions are grouped in *units*: a definition with the list wrappers made for it;
//! 2. units that need each other (the strongly connected components of the "needs" graph) stay
//!    together; such a group spanning two packages (types of two modules that contain each
//!    other) cannot be placed, and is reported;
//! 3. each group gets a *level*: the largest number of package changes, among the packages of
//!    the cycle, along any chain of groups it needs. A package's groups of one level share a
//!    file: the lowest level is `A.B.proto`, the next ones `A.B-2.proto`, `A.B-3.proto`, … (a
//!    package name never holds `-`).
//!
//! Files import the files of the definitions they need. The levels keep these imports free of
//! cycles: a file only imports files of its package with a lower level, or files of other
//! packages of the cycle with a strictly lower level (and files of packages outside the cycle,
//! which never import back).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use orbit_idl::Span;

use super::{ir::Item, names};

/// A definition and the list wrappers made for it, which always share a file.
#[derive(Debug)]
pub(crate) struct Unit {
    /// The package.
    pub(crate) package: String,
    /// The definitions, in order.
    pub(crate) items: Vec<Item>,
    /// What the definitions need: package, name, and a place that needs it.
    pub(crate) needs: Vec<(String, String, Span)>,
}

/// The file of every unit, and the groups of units that need each other across packages.
#[derive(Debug, Default)]
pub(crate) struct Placement {
    /// The file name of each unit (by index).
    pub(crate) files: Vec<String>,
    /// Each group of units of several packages that need each other: for every need inside
    /// the group, the needing definition, the needed one and the place.
    pub(crate) unplaceable: Vec<Vec<(String, String, Span)>>,
}

/// Places `units`; `cyclic` holds, for each package in a cycle of packages, the number of its
/// cycle (packages outside cycles keep one file).
pub(crate) fn place(units: &[Unit], cyclic: &HashMap<String, usize>) -> Placement {
    let mut placement = Placement {
        files: units.iter().map(|u| names::file_name(&u.package)).collect(),
        unplaceable: Vec::new(),
    };
    if cyclic.is_empty() {
        return placement;
    }
    let defined = definitions(units);
    // Per unit, the units it needs, with the index of the need.
    let needs: Vec<Vec<(usize, usize)>> = units
        .iter()
        .map(|unit| {
            unit.needs
                .iter()
                .enumerate()
                .filter_map(|(i, (package, name, _))| {
                    defined
                        .get(&(package.as_str(), name.as_str()))
                        .map(|&v| (v, i))
                })
                .collect()
        })
        .collect();
    let edges: Vec<Vec<usize>> = needs
        .iter()
        .map(|list| list.iter().map(|&(v, _)| v).collect())
        .collect();
    let components = strongly_connected(&edges);
    let mut level_of_component = vec![0usize; components.len()];
    let mut component_of = vec![0usize; units.len()];
    for (c, members) in components.iter().enumerate() {
        for &u in members {
            component_of[u] = c;
        }
    }
    // Components come dependencies first: every level a component needs is known.
    for (c, members) in components.iter().enumerate() {
        let Some(&first) = members.first() else {
            continue;
        };
        let package = &units[first].package;
        if members.iter().any(|&u| units[u].package != *package) {
            placement
                .unplaceable
                .push(inner_needs(units, &needs, members, &component_of, c));
            continue;
        }
        let Some(&cycle) = cyclic.get(package) else {
            continue;
        };
        let mut level = 0;
        for &u in members {
            for &v in &edges[u] {
                let d = component_of[v];
                if d == c || cyclic.get(&units[v].package) != Some(&cycle) {
                    continue;
                }
                let step = usize::from(units[v].package != *package);
                level = level.max(level_of_component[d] + step);
            }
        }
        level_of_component[c] = level;
    }
    // A package's levels, lowest first, give its file names.
    let mut levels: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        if cyclic.contains_key(&unit.package) {
            levels
                .entry(unit.package.as_str())
                .or_default()
                .insert(level_of_component[component_of[u]]);
        }
    }
    for (u, unit) in units.iter().enumerate() {
        let Some(levels) = levels.get(unit.package.as_str()) else {
            continue;
        };
        let level = level_of_component[component_of[u]];
        let rank = levels.iter().position(|&l| l == level).unwrap_or(0);
        if rank > 0 {
            placement.files[u] = part_file_name(&unit.package, rank + 1);
        }
    }
    placement
}

/// The name of the `part`-th file (from 2) of `package`: `A.B-2.proto`.
pub(crate) fn part_file_name(package: &str, part: usize) -> String {
    let base = names::file_name(package);
    let stem = base.strip_suffix(".proto").unwrap_or(&base);
    format!("{stem}-{part}.proto")
}

/// Which unit defines each (package, name).
fn definitions(units: &[Unit]) -> HashMap<(&str, &str), usize> {
    let mut out = HashMap::new();
    for (u, unit) in units.iter().enumerate() {
        for item in &unit.items {
            out.insert((unit.package.as_str(), item_name(item)), u);
        }
    }
    out
}

/// The name a definition is referred to by.
pub(crate) fn item_name(item: &Item) -> &str {
    match item {
        Item::Message(m) => &m.name,
        Item::Enum(e) => &e.name,
        Item::Service(s) => &s.name,
    }
}

/// The needs inside component `c` (`members`), as (needing, needed, place), sorted.
fn inner_needs(
    units: &[Unit],
    needs: &[Vec<(usize, usize)>],
    members: &[usize],
    component_of: &[usize],
    c: usize,
) -> Vec<(String, String, Span)> {
    let mut out = Vec::new();
    for &u in members {
        let unit = &units[u];
        let from = unit
            .items
            .first()
            .map(|item| qualified(&unit.package, item_name(item)))
            .unwrap_or_default();
        for &(v, i) in &needs[u] {
            if component_of[v] != c || units[v].package == unit.package {
                continue;
            }
            if let Some((package, name, span)) = unit.needs.get(i) {
                out.push((from.clone(), qualified(package, name), *span));
            }
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    out
}

/// `Package.Name`, or `Name` in the global package.
fn qualified(package: &str, name: &str) -> String {
    if package.is_empty() {
        name.to_owned()
    } else {
        format!("{package}.{name}")
    }
}

/// The strongly connected components of a graph, each listed once, dependencies first (a
/// component comes after every component its members have an edge to). Tarjan's algorithm,
/// iterative so that no graph can exhaust the stack.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next = 0usize;
    // (node, position of the next edge to look at)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            if *position == 0 && index[node] == UNSEEN {
                index[node] = next;
                low[node] = next;
                next += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = edges[node].get(*position) {
                *position += 1;
                if index[target] == UNSEEN {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use orbit_idl::FileId;

    use super::*;
    use crate::proto::ir::Message;

    fn unit(package: &str, name: &str, needs: &[(&str, &str)]) -> Unit {
        Unit {
            package: package.to_owned(),
            items: vec![Item::Message(Message {
                name: name.to_owned(),
                ..Message::default()
            })],
            needs: needs
                .iter()
                .map(|(p, n)| {
                    (
                        (*p).to_owned(),
                        (*n).to_owned(),
                        Span {
                            file: FileId(0),
                            start: 0,
                            end: 1,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn components_come_dependencies_first() {
        let edges = vec![vec![1], vec![2], vec![1], vec![0, 3]];
        assert_eq!(strongly_connected(&edges), [vec![1, 2], vec![0], vec![3]]);
    }

    #[test]
    fn packages_outside_cycles_keep_one_file() {
        let units = [unit("A", "X", &[("B", "Y")]), unit("B", "Y", &[])];
        let placement = place(&units, &HashMap::new());
        assert_eq!(placement.files, ["A.proto", "B.proto"]);
    }

    #[test]
    fn a_cycle_of_packages_splits_the_package_that_needs_both_ways() {
        // A.X needs B.Y, which needs A.Z: A's file cannot hold both X and Z.
        let units = [
            unit("A", "X", &[("B", "Y")]),
            unit("B", "Y", &[("A", "Z")]),
            unit("A", "Z", &[]),
            unit("A", "W", &[("A", "Z")]),
        ];
        let cyclic = HashMap::from([("A".to_owned(), 0), ("B".to_owned(), 0)]);
        let placement = place(&units, &cyclic);
        assert_eq!(
            placement.files,
            ["A-2.proto", "B.proto", "A.proto", "A.proto"]
        );
        assert!(placement.unplaceable.is_empty());
        assert_eq!(part_file_name("", 2), "_global_-2.proto");
    }

    #[test]
    fn types_that_need_each_other_across_packages_cannot_be_placed() {
        let units = [unit("A", "X", &[("B", "Y")]), unit("B", "Y", &[("A", "X")])];
        let cyclic = HashMap::from([("A".to_owned(), 0), ("B".to_owned(), 0)]);
        let placement = place(&units, &cyclic);
        assert_eq!(placement.unplaceable.len(), 1);
        let needs: Vec<(&str, &str)> = placement.unplaceable[0]
            .iter()
            .map(|(a, b, _)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(needs, [("A.X", "B.Y"), ("B.Y", "A.X")]);
    }
}
