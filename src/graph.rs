//! Dependency graphs: the region graph of a configuration and the `after` lists of a batch
//! share one way of finding and naming a cycle.

use std::collections::VecDeque;

use petgraph::graph::{DiGraph, NodeIndex};

/// The nodes of `graph` in topological order, or a cycle: its nodes in the order the edges
/// run, starting from the lowest index (so that the message reads like the file).
///
/// Both searches are iterative, so a deep graph (a million-connector chain) cannot overflow
/// the stack.
pub(crate) fn toposort<N, E>(graph: &DiGraph<N, E>) -> Result<Vec<NodeIndex>, Vec<NodeIndex>> {
    petgraph::algo::toposort(graph, None).map_err(|cycle| shortest_cycle(graph, cycle.node_id()))
}

/// The shortest cycle through `start`, which must lie on one, rotated to begin at its lowest
/// node index.
fn shortest_cycle<N, E>(graph: &DiGraph<N, E>, start: NodeIndex) -> Vec<NodeIndex> {
    // Breadth-first from `start` until an edge leads back to it; parents give the path.
    let mut parent = vec![None; graph.node_count()];
    let mut queue = VecDeque::from([start]);
    let mut end = None;
    'search: while let Some(node) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = graph.neighbors(node).collect();
        next.sort_unstable();
        for n in next {
            if n == start {
                end = Some(node);
                break 'search;
            }
            if parent[n.index()].is_none() {
                parent[n.index()] = Some(node);
                queue.push_back(n);
            }
        }
    }
    let mut path = Vec::new();
    let mut node = end;
    while let Some(n) = node {
        path.push(n);
        node = if n == start { None } else { parent[n.index()] };
    }
    path.reverse();
    if path.is_empty() {
        path.push(start);
    }
    let lowest = (0..path.len()).min_by_key(|&i| path[i]).unwrap_or(0);
    path.rotate_left(lowest);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> DiGraph<(), ()> {
        let mut g = DiGraph::new();
        let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
        for &(a, b) in edges {
            g.add_edge(nodes[a], nodes[b], ());
        }
        g
    }

    fn indices(v: Vec<NodeIndex>) -> Vec<usize> {
        v.into_iter().map(|n| n.index()).collect()
    }

    #[test]
    fn cycles_are_named_in_edge_order_from_the_lowest_node() {
        let g = graph(5, &[(0, 1), (3, 2), (2, 4), (4, 3), (1, 2)]);
        assert_eq!(indices(toposort(&g).unwrap_err()), [2, 4, 3]);
        let g = graph(2, &[(1, 1)]);
        assert_eq!(indices(toposort(&g).unwrap_err()), [1]);
    }

    #[test]
    fn acyclic_graphs_sort() {
        let g = graph(4, &[(3, 1), (1, 0), (2, 0)]);
        let order = indices(toposort(&g).unwrap());
        let pos = |x| order.iter().position(|&y| y == x).unwrap();
        assert!(pos(3) < pos(1) && pos(1) < pos(0) && pos(2) < pos(0));
    }

    #[test]
    fn a_million_node_chain_does_not_overflow() {
        let n = 1_000_000;
        let edges: Vec<_> = (0..n - 1).map(|i| (i, i + 1)).collect();
        assert_eq!(toposort(&graph(n, &edges)).unwrap().len(), n);
    }
}
