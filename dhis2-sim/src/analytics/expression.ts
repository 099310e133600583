// Indicator expressions (docs/dhis2-api.md §7.5): `#{de}`, `#{de.coc}`, `#{de.coc.aoc}`, `#{de.*.aoc}`,
// `C{constant}`, `OUG{group}`, `R{ds.METRIC}`, `N{indicator}`, numbers, + - * / % ^ and parentheses.
// Items of other kinds (`D{}`, `A{}`, `I{}`, `#{deGroup:…}`) parse but have no value here.

export type ExpressionItem =
    | { kind: 'DE'; key: string; dataElement: string; coc: string | null; aoc: string | null }
    | { kind: 'CONSTANT'; key: string; id: string }
    | { kind: 'OUG'; key: string; id: string }
    | { kind: 'RATE'; key: string; dataSet: string; metric: string }
    | { kind: 'INDICATOR'; key: string; id: string }
    | { kind: 'UNSUPPORTED'; key: string }

export type ExpressionNode =
    | { type: 'number'; value: number }
    | { type: 'item'; item: ExpressionItem }
    | { type: 'unary'; op: '-' | '+'; operand: ExpressionNode }
    | { type: 'binary'; op: '+' | '-' | '*' | '/' | '%' | '^'; left: ExpressionNode; right: ExpressionNode }

export class ExpressionError extends Error {}

function parseItem(prefix: string, body: string): ExpressionItem {
    const key = `${prefix}{${body}}`
    switch (prefix) {
        case '#': {
            if (body.includes(':')) return { kind: 'UNSUPPORTED', key }
            const [dataElement = '', coc, aoc] = body.split('.')
            return {
                kind: 'DE',
                key,
                dataElement,
                coc: coc === undefined || coc === '*' ? null : coc,
                aoc: aoc === undefined || aoc === '*' ? null : aoc,
            }
        }
        case 'C':
            return { kind: 'CONSTANT', key, id: body }
        case 'OUG':
            return { kind: 'OUG', key, id: body }
        case 'R': {
            const [dataSet = '', metric = 'REPORTING_RATE'] = body.split('.')
            return { kind: 'RATE', key, dataSet, metric }
        }
        case 'N':
            return { kind: 'INDICATOR', key, id: body }
        default:
            return { kind: 'UNSUPPORTED', key }
    }
}

type Token = { t: 'num'; v: number } | { t: 'item'; item: ExpressionItem } | { t: 'op'; v: string }

function tokenize(source: string): Token[] {
    const tokens: Token[] = []
    let i = 0
    while (i < source.length) {
        const ch = source.charAt(i)
        if (/\s/.test(ch)) {
            i++
            continue
        }
        const item = /^(#|[A-Z]+)\{([^}]*)\}/.exec(source.slice(i))
        if (item) {
            tokens.push({ t: 'item', item: parseItem(item[1] ?? '', (item[2] ?? '').trim()) })
            i += item[0].length
            continue
        }
        const number = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(source.slice(i))
        if (number) {
            tokens.push({ t: 'num', v: Number(number[0]) })
            i += number[0].length
            continue
        }
        if ('+-*/%^()'.includes(ch)) {
            tokens.push({ t: 'op', v: ch })
            i++
            continue
        }
        throw new ExpressionError(`Unexpected character '${ch}' in expression`)
    }
    return tokens
}

/** Parses an expression; throws ExpressionError when it is not valid. */
export function parseExpression(source: string): ExpressionNode {
    const tokens = tokenize(source)
    let pos = 0
    const peek = (): Token | undefined => tokens[pos]
    const isOp = (token: Token | undefined, ops: string): token is { t: 'op'; v: string } =>
        token?.t === 'op' && ops.includes(token.v)

    const primary = (): ExpressionNode => {
        const token = tokens[pos++]
        if (!token) throw new ExpressionError('Unexpected end of expression')
        if (token.t === 'num') return { type: 'number', value: token.v }
        if (token.t === 'item') return { type: 'item', item: token.item }
        if (token.v === '(') {
            const inner = additive()
            if (!isOp(tokens[pos++], ')')) throw new ExpressionError('Missing closing parenthesis')
            return inner
        }
        if (token.v === '-' || token.v === '+') return { type: 'unary', op: token.v, operand: power() }
        throw new ExpressionError(`Unexpected '${token.v}'`)
    }
    const power = (): ExpressionNode => {
        const base = primary()
        if (isOp(peek(), '^')) {
            pos++
            return { type: 'binary', op: '^', left: base, right: power() }
        }
        return base
    }
    const multiplicative = (): ExpressionNode => {
        let left = power()
        for (let token = peek(); isOp(token, '*/%'); token = peek()) {
            pos++
            left = { type: 'binary', op: token.v as '*' | '/' | '%', left, right: power() }
        }
        return left
    }
    const additive = (): ExpressionNode => {
        let left = multiplicative()
        for (let token = peek(); isOp(token, '+-'); token = peek()) {
            pos++
            left = { type: 'binary', op: token.v as '+' | '-', left, right: multiplicative() }
        }
        return left
    }
    const tree = additive()
    if (pos !== tokens.length) throw new ExpressionError('Unexpected trailing input in expression')
    return tree
}

export function expressionItems(node: ExpressionNode, into: ExpressionItem[] = []): ExpressionItem[] {
    switch (node.type) {
        case 'item':
            into.push(node.item)
            break
        case 'unary':
            expressionItems(node.operand, into)
            break
        case 'binary':
            expressionItems(node.left, into)
            expressionItems(node.right, into)
            break
        default:
            break
    }
    return into
}

/**
 * Evaluates with DHIS2's SKIP_IF_ALL_VALUES_MISSING: null when the expression has items and none of
 * them has a value; otherwise missing items count as 0. Constants are not "missing-able" items.
 */
export function evaluateExpression(
    node: ExpressionNode,
    valueOf: (item: ExpressionItem) => number | null
): number | null {
    let items = 0
    let found = 0
    const walk = (n: ExpressionNode): number => {
        switch (n.type) {
            case 'number':
                return n.value
            case 'item': {
                const value = valueOf(n.item)
                if (n.item.kind !== 'CONSTANT') {
                    items++
                    if (value !== null) found++
                }
                return value ?? 0
            }
            case 'unary':
                return n.op === '-' ? -walk(n.operand) : walk(n.operand)
            case 'binary': {
                const left = walk(n.left)
                const right = walk(n.right)
                switch (n.op) {
                    case '+':
                        return left + right
                    case '-':
                        return left - right
                    case '*':
                        return left * right
                    case '/':
                        return left / right
                    case '%':
                        return left % right
                    default:
                        return left ** right
                }
            }
        }
    }
    const value = walk(node)
    if (items > 0 && found === 0) return null
    return Number.isFinite(value) ? value : null
}
