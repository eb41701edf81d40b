"""Intra-procedural data flow for the languages parsed with tree-sitter (Java first; Go, JavaScript and
TypeScript through their own adapters).

The line-based checks cannot tell a constant from a request parameter. This package parses the file (or,
without the whole file, each run of hunk lines) with tree-sitter and runs every function once on abstract
values (`values.Value`): constants are folded, dead branches and non-matching `switch` arms are skipped,
request data is followed from its sources to every call, sanitizers and validating `if`s make it safe.
The checks then judge the recorded calls.

Public interface (stable; only additions):

- `flows(ctx) -> list[FileFlow]`: the data flow of a `FileContext`, computed once and cached on
  `ctx.memo`. Empty for a language without an adapter.
- `FileFlow.calls_named(*methods)`: the calls of those methods (constructors by class), indexed.
- `FileFlow.calls`: `CallSite`s, each with the call as the adapter saw it (`ir.Call`: callee as written,
  method, receiver and argument nodes, constructor type), the `Value` of the receiver, of every argument
  and of the result, the file lines it spans, and its enclosing `ir.Function`.
- `FileFlow.assignments`: `AssignSite`s (name, value, line, function); `FileFlow.returns`:
  `ReturnSite`s (value, line, function). `FileFlow.has_sources`: whether
  any request data was seen at all. `FileFlow.fields`: the file's constants and typed fields.
- `Value` (see `values`): `known`/`const` (exact content), `fixed` (built from literals only),
  `tainted`/`source`/`safe_for` (request data, where from, what it was made safe for), `prefix` (literal
  start, for URL hosts), `flags` (e.g. `weak-random:...`), `type`, `items`/`seq` (constant maps, lists).
- Helpers of the same file: `CallSite.helper` is the function a call runs when it is one, and
  `FileFlow.reaches(helper)` the calls inside it (or inside the helpers it calls) that data of its
  parameters reaches (`Reach`: the call, the position, the value with `params` naming the parameters
  and `safe_for` what the helper made it safe for), computed once per helper from its summary.
  `seen_from(value, reach.through, call)` is such a value as one call of the helper makes it
  (`instantiated` is one step of that). A sink reached this way is judged like a direct one: a
  `CallSite` with `via` (`Via`: the helper's call, the argument, the sink's own line) stands for it.
  A name the top level binds to a wrapped function (`promisify(exec)`, `Tables.function_wrappers`)
  is called as that function.
- `text_of(node)`: a node's source text. `parse.error_count`, `parse.parse_fragment`: for benches.

The adapter interface (`ir.Adapter`), one class per language, registered in `parse.GRAMMARS` with its
grammar package and the wrappers tried around fragments:

- `language: str` and `tables: ir.Tables`: the language's sources (methods on request objects, request
  classes, parameter annotations via `Param.source`), sanitizers by sink kind, numeric conversions,
  validators (`guards`; `partial_guards` for prefix checks that only protect paths and URLs),
  taint-dropping methods, lookup prefixes (`lookups`: `repo.find(id)` returns stored data), names fixed
  by the code (`code_names`), result classes of calls (`returns`), builder/map/list classes and
  predictable random generators.
- `functions(root)`: every function-like node (methods, constructors, named functions, arrow functions
  bound to a name, Go `func`s) as `ir.Function(node, name, params, body, owner, private)`; `Param.source`
  is set for parameters the framework fills from the request; `private` (callable only from this file)
  lets the engine bind parameters to what the file's calls pass.
- `fields(root)`: file- and class-level names with type and initializer, and whether they are constant
  (`static final`, `const`): constants are folded into every function.
- `statement(node) -> ir.Statement`: one of `Block`, `Declare`, `Assign`, `If`, `Switch` (with
  `falls_through`), `Loop` (`binds` for for-each; `condition`, `at_least_once` and `update` let a loop
  whose condition is a constant run its body surely or never), `Try`, `Return`, `Jump`
  (break/continue/throw), `Expr`,
  `Nested` (a function or class inside: skipped), or `Other(children)` (children run as statements).
- `expression(node) -> ir.Expression`: `Literal`, `Name`, `Binary` (C-spelled operators), `Unary`,
  `Ternary`, `Call` (callee, method, receiver, args, `new_type` for constructors), `Member`, `Index`,
  `Sequence_`, `Lambda`, `Passthrough` (parentheses, casts), `AssignExpr`, or `Other(children)` (children
  evaluated; the result carries their taint but no content).
- `type_of(node)`: the class a type node names (last segment, no generics).

An adapter never needs to be complete: anything it maps to `Other` still has its calls recorded and its
taint carried, it just folds no constants.

Go (`go.py`) and JavaScript/TypeScript (`javascript.py`, also TSX) use a few optional additions, all off
by default: `ir.Concat` (template literals), `ir.Lambda.bound` (callback parameters that start typed or
tainted), and in `ir.Tables` `request_exact_names`, `source_fields` (`req.query`, `r.Body`),
`source_callees` (`mux.Vars`), `fills` (`Decode(&v)`), `formatters` (`fmt.Sprintf`), `source_lookups`
(name the part read: `req.query.name`), `numeric_fixed` and `equality_checks`.
"""

from __future__ import annotations

from persona_review.checks._tsflow.engine import (
    AssignSite,
    CallSite,
    FileFlow,
    Reach,
    ReturnSite,
    Via,
    instantiated,
    seen_from,
    text_of,
)
from persona_review.checks._tsflow.parse import flows
from persona_review.checks._tsflow.values import Value

__all__ = ["AssignSite", "CallSite", "FileFlow", "Reach", "ReturnSite", "Value", "Via", "flows",
           "instantiated", "seen_from", "text_of"]
