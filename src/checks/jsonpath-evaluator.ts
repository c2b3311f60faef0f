/** kubectl's JSONPath evaluator: a port of client-go's util/jsonpath/jsonpath.go. */
import { OPERATORS } from './jsonpath-compare.js';
import { goSprint } from './jsonpath-go-format.js';
import { childrenOf, goTypeName, GoScalar, isMap, NO_VALUE } from './jsonpath-go-values.js';
import { JsonPathError, type JsonPathNode, type ListNode, type SliceParam } from './jsonpath-syntax.js';

/**
 * Go's walk functions return partial results alongside an error, and the
 * `exists` filter ignores the error but looks at those results (e.g. an index
 * on a map "exists"). This carries them.
 */
class EvalFailure extends JsonPathError {
  constructor(
    message: string,
    offset: number,
    readonly partial: readonly unknown[],
  ) {
    super(message, offset);
  }
}

export interface EvaluateOptions {
  /** kubectl's --allow-missing-template-keys; default true, like kubectl. */
  allowMissingKeys?: boolean;
}

/** reflect.ValueOf(x.Interface()): a nil interface becomes the zero Value. */
function reflectValue(v: unknown): unknown {
  return v === null || v === undefined ? NO_VALUE : v;
}

export class Evaluator {
  // The range bookkeeping is Go's, state machine and all, so that odd
  // templates (missing or extra {end}) behave as in kubectl.
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  constructor(
    private readonly nodes: readonly JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** Evaluates nodes[from..] against data, up to the `{end}` of a range. */
  findResults(data: unknown, from: number): unknown[][] {
    const cur = [reflectValue(data)];
    const full: unknown[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      if (!node) break;
      const results = this.walk(cur, node);

      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, i + 1));
        } else {
          // Still walk the body (discarding output) to find its {end}.
          this.findResults(NO_VALUE, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEnd) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: readonly unknown[], node: JsonPathNode): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name, node.offset);
      case 'array':
        return this.evalArray(input, node.params, node.offset);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => new GoScalar('int', node.value));
      case 'float':
        return input.map(() => new GoScalar('float64', node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap(childrenOf);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.branches, node.offset);
      case 'identifier':
        return this.evalIdentifier(input, node.name, node.offset);
    }
  }

  private evalList(input: readonly unknown[], list: ListNode): unknown[] {
    let cur = [...input];
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalIdentifier(input: readonly unknown[], name: string, offset: number): unknown[] {
    switch (name) {
      case 'range':
        this.beginRange++;
        return [...input];
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new EvalFailure('not in range, nothing to end', offset, []);
      default:
        throw new EvalFailure(`unrecognized identifier ${name}`, offset, input);
    }
  }

  private evalField(input: readonly unknown[], name: string, offset: number): unknown[] {
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const value of input) {
      if (isMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) {
      throw new EvalFailure(`${name} is not found`, offset, []);
    }
    return results;
  }

  private evalArray(input: readonly unknown[], params: readonly SliceParam[], offset: number): unknown[] {
    const [first, second, third] = params;
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (value === NO_VALUE) {
        // Go panics here; report it rather than crash.
        throw new EvalFailure('reflect: call of reflect.Value.Type on zero Value', offset, input);
      }
      if (!Array.isArray(value)) throw new EvalFailure(`${goTypeName(value)} is not array or slice`, offset, input);
      const items = value as unknown[];
      const length = items.length;
      let start = first?.known ? first.value : 0;
      if (start < 0) start += length;
      let end = second?.known ? second.value : length;
      if (end < 0 || (end === 0 && second?.derived)) end += length;

      // An empty selection returns immediately, dropping later inputs: that
      // is kubectl's behaviour (e.g. `.items[*].x[*]` stops at an empty x).
      if (end === start) return result;
      if (start >= length || start < 0) {
        throw new EvalFailure(`array index out of bounds: index ${start}, length ${length}`, offset, input);
      }
      if (end > length || end < 0) {
        throw new EvalFailure(`array index out of bounds: index ${end - 1}, length ${length}`, offset, input);
      }
      if (start > end) {
        throw new EvalFailure(`starting index ${start} is greater than ending index ${end}`, offset, input);
      }
      const step = third?.known ? third.value : 1;
      if (step <= 0) throw new EvalFailure('step must be > 0', offset, input);
      for (let i = start; i < end; i += step) result.push(items[i]);
    }
    return result;
  }

  private evalUnion(input: readonly unknown[], branches: readonly ListNode[], offset: number): unknown[] {
    const result: unknown[] = [];
    for (const branch of branches) {
      try {
        result.push(...this.evalList(input, branch));
      } catch (error) {
        throw withPartial(error, input, offset);
      }
    }
    return result;
  }

  private evalRecursive(input: readonly unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      const children = value === null ? [] : childrenOf(value);
      // Only containers with children are reported, then their descendants.
      if (children.length > 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: readonly unknown[], node: Extract<JsonPathNode, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new EvalFailure(`${goSprint(value)} is not array or slice and cannot be filtered`, node.offset, input);
      }
      for (const item of value as unknown[]) {
        if (this.filterMatches(item, node, input, results)) results.push(item);
      }
    }
    return results;
  }

  private filterMatches(
    item: unknown,
    node: Extract<JsonPathNode, { type: 'filter' }>,
    input: readonly unknown[],
    results: readonly unknown[],
  ): boolean {
    const temp = [item];
    if (node.operator === 'exists') {
      // Errors are ignored here on purpose: Go only checks for results.
      try {
        return this.evalList(temp, node.left).length > 0;
      } catch (error) {
        if (error instanceof EvalFailure) return error.partial.length > 0;
        throw error;
      }
    }
    const left = this.singleOperand(temp, node.left, input, node.offset);
    if (left.length === 0) return false;
    const right = this.singleOperand(temp, node.right, input, node.offset);
    if (right.length === 0) return false;

    const compare = OPERATORS[node.operator];
    if (!compare) throw new EvalFailure(`unrecognized filter operator ${node.operator}`, node.offset, results);
    try {
      return compare(left[0], right[0]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new EvalFailure(message, node.offset, results);
    }
  }

  /** One side of a comparison: zero values (skip the item) or exactly one. */
  private singleOperand(temp: unknown[], list: ListNode, input: readonly unknown[], offset: number): unknown[] {
    let values: unknown[];
    try {
      values = this.evalList(temp, list);
    } catch (error) {
      throw withPartial(error, input, offset);
    }
    if (values.length > 1) throw new EvalFailure('can only compare one element at a time', offset, input);
    return values;
  }
}

function withPartial(error: unknown, partial: readonly unknown[], offset: number): unknown {
  if (error instanceof JsonPathError) return new EvalFailure(error.message, error.offset, partial);
  if (error instanceof Error) return new EvalFailure(error.message, offset, partial);
  return error;
}
