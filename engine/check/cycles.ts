// Cycles in a workflow graph. A cycle is allowed when at least one node on it declares
// `allowsCycles` (it handles its own termination, e.g. a loop controller).

/** Strongly connected components with more than one node, or a node with an edge to itself. */
export function findCycles(
  nodeIds: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
): string[][] {
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  const selfLoops = new Set<string>();
  for (const e of edges) {
    next.get(e.source)?.push(e.target);
    if (e.source === e.target) selfLoops.add(e.source);
  }
  // Tarjan's algorithm, iterative so that a long chain cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const succ = next.get(frame.id) ?? [];
      if (frame.i < succ.length) {
        const to = succ[frame.i++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        if (component.length > 1 || selfLoops.has(frame.id)) components.push(component);
      }
    }
  }
  return components;
}

/** One closed path through a component, starting and ending at `start`, for messages. */
export function cyclePath(
  component: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
): string[] {
  const inside = new Set(component);
  const [start] = [...component].sort();
  if (start === undefined) return [];
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of edges) {
      if (e.source !== id || !inside.has(e.target)) continue;
      if (e.target === start) {
        const path = [start];
        for (let at = id; at !== start; at = from.get(at)!) path.splice(1, 0, at);
        path.push(start);
        return path;
      }
      if (!from.has(e.target)) {
        from.set(e.target, id);
        queue.push(e.target);
      }
    }
  }
  return [start, start];
}
