/** kubectl's JSONPath: the error type and the syntax tree the parser builds and the evaluator walks. */

/** A template problem, found while parsing or evaluating. */
export class JsonPathError extends Error {
  /** 0-based index (UTF-16 code units) into the template; best effort. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonPathError';
    this.offset = offset;
  }
}

/** One of `[start:end:step]`; mirrors Go's ParamsEntry. */
export interface SliceParam {
  readonly value: number;
  /** False when omitted, e.g. the end in `[1:]`. */
  readonly known: boolean;
  /** True for the implicit end of a plain index `[n]` (= n + 1). */
  readonly derived: boolean;
}

export interface ListNode {
  readonly type: 'list';
  readonly nodes: readonly JsonPathNode[];
  readonly offset: number;
}

export type JsonPathNode =
  | ListNode
  | { readonly type: 'text'; readonly text: string; readonly offset: number }
  | { readonly type: 'field'; readonly name: string; readonly offset: number }
  | { readonly type: 'identifier'; readonly name: string; readonly offset: number }
  | {
      readonly type: 'array';
      readonly params: readonly [SliceParam, SliceParam, SliceParam];
      readonly offset: number;
    }
  | {
      readonly type: 'filter';
      readonly left: ListNode;
      readonly right: ListNode;
      /** `exists` for `[?(@.x)]`, else the operator text as written. */
      readonly operator: string;
      readonly offset: number;
    }
  | { readonly type: 'int'; readonly value: number; readonly offset: number }
  | { readonly type: 'float'; readonly value: number; readonly offset: number }
  | { readonly type: 'bool'; readonly value: boolean; readonly offset: number }
  | { readonly type: 'wildcard'; readonly offset: number }
  | { readonly type: 'recursive'; readonly offset: number }
  | { readonly type: 'union'; readonly branches: readonly ListNode[]; readonly offset: number };

/** A parsed template: plain text nodes and `{...}` actions (list nodes). */
export interface JsonPathTemplate {
  readonly source: string;
  readonly nodes: readonly JsonPathNode[];
}
