import {
  BinaryOperationNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueListNode,
  ValueNode,
} from 'kysely';

/**
 * `x in ()` with an empty list: SQLite reads it as false, PostgreSQL refuses it as a syntax error.
 * Commands filter by lists that may well be empty (the turns a speaker has, the cases of a set),
 * so the query is rewritten once here for both engines: `in ()` becomes `1 = 0`, `not in ()`
 * becomes `1 = 1`, what SQLite meant.
 */
class EmptyInListTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const operator = emptyInOperator(node);
    if (operator) {
      return BinaryOperationNode.create(
        ValueNode.createImmediate(1),
        OperatorNode.create('='),
        ValueNode.createImmediate(operator === 'in' ? 0 : 1),
      );
    }
    return super.transformBinaryOperation(node);
  }
}

/** `in` or `not in` when the operation tests membership of an empty list, else undefined. */
function emptyInOperator(node: BinaryOperationNode): 'in' | 'not in' | undefined {
  const operator = OperatorNode.is(node.operator) ? node.operator.operator : undefined;
  if (operator !== 'in' && operator !== 'not in') return undefined;
  const right = node.rightOperand;
  const empty =
    (PrimitiveValueListNode.is(right) && right.values.length === 0) || (ValueListNode.is(right) && right.values.length === 0);
  return empty ? operator : undefined;
}

/** Statements (their nodes never change) that hold no empty `in` list. */
const foundClean = new WeakSet<OperationNode>();

/**
 * Whether the tree holds an empty `in` list, found without copying it: the transformer rebuilds
 * every node of every statement, which cost a coding over HTTP about a tenth of its JavaScript
 * (issue 17), and almost no statement needs it. Values are not looked into: a parameter may be a
 * long list or a Buffer, and none of it is a node. Nor are statements already found clean: a
 * subquery is given to the plugin when it is built, and again inside the statement that holds it.
 */
function holdsEmptyIn(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsEmptyIn);
  if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') return false;
  const node = value as OperationNode;
  if (ValueNode.is(node) || PrimitiveValueListNode.is(node) || foundClean.has(node)) return false;
  if (BinaryOperationNode.is(node) && emptyInOperator(node)) return true;
  for (const key in node) if (holdsEmptyIn((node as unknown as Record<string, unknown>)[key])) return true;
  return false;
}

export class EmptyInListPlugin implements KyselyPlugin {
  readonly #transformer = new EmptyInListTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (holdsEmptyIn(args.node)) return this.#transformer.transformNode(args.node);
    foundClean.add(args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
