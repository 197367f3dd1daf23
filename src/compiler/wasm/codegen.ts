/**
 * IR → WebAssembly function bodies. Each IR Block becomes a wasm `block`; a statement that is
 * undefined branches to the end of the innermost IR block, exactly the IR's execution model.
 * Values are i32 addresses (0 = undefined) in wasm locals; all value work is done by runtime
 * helpers (`__apg_*`), which the linker resolves to function indices.
 */
import type { Block, Loc, Operand, Stmt } from '../ir';
import { ByteWriter, I32, Op } from './encoding';

/** What a function body needs from the module being linked. */
export interface CodegenContext {
  /** Runtime helper (`__apg_...`) → function index. */
  helper(name: string): number;
  /** Index of the imported `opa_abort`. */
  abortFunc: number;
  /** A policy function's index (what Call refers to), or undefined if `name` is not one. */
  policyFunc(name: string, arity: number): number | undefined;
  /** A builtin call: the runtime function index, or the host id for `opa_builtinN`. */
  builtin(name: string, arity: number): { runtime: number } | { host: number };
  withDepthGlobal: number;
  nullAddr: number;
  trueAddr: number;
  falseAddr: number;
  stringAddr(index: number): number;
  numberAddr(index: number): number | undefined;
  /** A constant integer value. */
  intAddr(value: bigint): number;
  pathAddr(path: number[]): number;
  message(text: string, loc?: Loc): number;
  /** A fresh word of static memory for a per-site cache. */
  cacheSlot(): number;
}

type Label = { kind: 'label'; irBlock: boolean } | { kind: 'with'; local: number; saved: number };

/** Collects the IR locals a list of blocks mentions (or, with readsOnly, the ones it reads). */
function collectLocals(blocks: Block[], into: Set<number>, readsOnly = false): void {
  const op = (o: Operand): void => {
    if (o.kind === 'local') into.add(o.local);
  };
  const written = (l: number): void => {
    if (!readsOnly) into.add(l);
  };
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.type) {
        case 'ReturnLocal': into.add(s.source); break;
        case 'Call': s.args.forEach(op); written(s.result); break;
        case 'Block': s.blocks.forEach((b) => walk(b.stmts)); break;
        case 'Dot': op(s.source); op(s.key); written(s.target); break;
        case 'Len': op(s.source); written(s.target); break;
        case 'Scan': into.add(s.source); written(s.key); written(s.value); walk(s.block.stmts); break;
        case 'Not': walk(s.block.stmts); break;
        case 'AssignInt': case 'ResetLocal': case 'MakeNull': case 'MakeNumberInt': case 'MakeNumberRef':
        case 'MakeArray': case 'MakeObject': case 'MakeSet':
          written(s.target); break;
        case 'AssignVar': op(s.source); written(s.target); break;
        case 'AssignVarOnce': op(s.source); into.add(s.target); break;
        case 'Equal': case 'NotEqual': op(s.a); op(s.b); break;
        case 'IsArray': case 'IsObject': case 'IsSet': op(s.source); break;
        case 'IsDefined': case 'IsUndefined': into.add(s.source); break;
        case 'ArrayAppend': op(s.value); into.add(s.array); break;
        case 'ObjectInsert': case 'ObjectInsertOnce': op(s.key); op(s.value); into.add(s.object); break;
        case 'ObjectMerge': into.add(s.a); into.add(s.b); written(s.target); break;
        case 'SetAdd': op(s.value); into.add(s.set); break;
        case 'ResultSetAdd': into.add(s.value); break;
        case 'With': into.add(s.local); op(s.value); walk(s.block.stmts); break;
        case 'Break': case 'Nop': break;
        default: throw new Error(`wasm codegen: unknown IR statement ${(s as { type: string }).type}`);
      }
    }
  };
  for (const b of blocks) walk(b.stmts);
}

/** The locals some SetAdd adds to. */
function collectSetBuilders(blocks: Block[], into: Set<number>): void {
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (s.type === 'SetAdd') into.add(s.set);
      else if (s.type === 'Block') s.blocks.forEach((b) => walk(b.stmts));
      else if (s.type === 'Scan' || s.type === 'Not' || s.type === 'With') walk(s.block.stmts);
    }
  };
  for (const b of blocks) walk(b.stmts);
}

const T_ARRAY = 5;
const T_OBJECT = 6;
const T_SET = 7;

export class FunctionCompiler {
  private readonly code = new ByteWriter();
  private readonly labels: Label[] = [];
  private readonly localIndex = new Map<number, number>();
  private nextLocal: number;
  private readonly name: string;

  /**
   * @param params IR locals that are the wasm parameters, in order.
   * @param blocks the body, to find the other locals.
   */
  /** Locals some statement reads: a Scan skips producing keys or values nobody reads. */
  private readonly reads = new Set<number>();

  constructor(
    private readonly ctx: CodegenContext, name: string, params: number[], blocks: Block[], private readonly resultLocal?: number,
  ) {
    this.name = name;
    params.forEach((p, i) => this.localIndex.set(p, i));
    this.paramTotal = params.length;
    this.nextLocal = this.paramTotal;
    const used = new Set<number>();
    collectLocals(blocks, used);
    collectLocals(blocks, this.reads, true);
    if (resultLocal !== undefined) this.reads.add(resultLocal);
    collectSetBuilders(blocks, this.setBuilders);
    for (const l of [...used].sort((a, b) => a - b)) {
      if (!this.localIndex.has(l)) this.localIndex.set(l, this.nextLocal++);
    }
  }

  private readonly paramTotal: number;

  private local(l: number): number {
    const i = this.localIndex.get(l);
    if (i === undefined) throw new Error(`wasm codegen: ${this.name}: unknown local ${l}`);
    return i;
  }

  private temp(): number {
    return this.nextLocal++;
  }

  private get w(): ByteWriter {
    return this.code;
  }

  private call(index: number): void {
    this.w.byte(Op.call).u32(index);
  }

  private helper(name: string): void {
    this.call(this.ctx.helper(name));
  }

  private i32(v: number): void {
    this.w.byte(Op.i32Const).sleb(v | 0);
  }

  /** Locals that SetAdd adds to: read anywhere else only through __apg_set_ready (see setAppend in the runtime). */
  private readonly setBuilders = new Set<number>();

  private get(l: number): void {
    this.w.byte(Op.localGet).u32(this.local(l));
    if (this.setBuilders.has(l)) this.helper('__apg_set_ready');
  }

  private set(l: number): void {
    this.w.byte(Op.localSet).u32(this.local(l));
  }

  private tee(l: number): void {
    this.w.byte(Op.localTee).u32(this.local(l));
  }

  private operand(o: Operand): void {
    if (o.kind === 'local') this.get(o.local);
    else if (o.kind === 'string') this.i32(this.ctx.stringAddr(o.index));
    else this.i32(o.value ? this.ctx.trueAddr : this.ctx.falseAddr);
  }

  private open(op: number, irBlock: boolean): void {
    this.w.byte(op).byte(Op.blockVoid);
    this.labels.push({ kind: 'label', irBlock });
  }

  private close(): void {
    const top = this.labels.pop();
    if (!top || top.kind !== 'label') throw new Error('wasm codegen: unbalanced labels');
    this.w.byte(Op.end);
  }

  /** Branch to the end of the n-th enclosing IR block (0 = innermost), restoring `with` locals on the way. */
  private brIrBlock(n: number, conditional: boolean): void {
    let depth = 0;
    let remaining = n;
    const crossed: { local: number; saved: number }[] = [];
    for (let i = this.labels.length - 1; i >= 0; i--) {
      const l = this.labels[i];
      if (l.kind === 'with') { crossed.push(l); continue; }
      if (l.irBlock) {
        if (remaining === 0) {
          if (crossed.length === 0) {
            this.w.byte(conditional ? Op.brIf : Op.br).u32(depth);
            return;
          }
          // Restoring takes code: branch only when the condition holds.
          if (conditional) {
            this.w.byte(Op.if).byte(Op.blockVoid);
            depth++;
          }
          for (const c of crossed) this.restoreWith(c.local, c.saved);
          this.w.byte(Op.br).u32(depth);
          if (conditional) this.w.byte(Op.end);
          return;
        }
        remaining--;
      }
      depth++;
    }
    throw new Error(`wasm codegen: ${this.name}: break out of ${n + 1} blocks, but only ${n - remaining} enclose it`);
  }

  /** Leave the innermost IR block when the i32 on the stack is non-zero. */
  private undefinedIf(): void {
    this.brIrBlock(0, true);
  }

  private restoreWith(local: number, saved: number): void {
    this.w.byte(Op.localGet).u32(saved).byte(Op.localSet).u32(this.local(local));
    this.w.byte(Op.globalGet).u32(this.ctx.withDepthGlobal);
    this.i32(1);
    this.w.byte(Op.i32Sub).byte(Op.globalSet).u32(this.ctx.withDepthGlobal);
  }

  private abort(text: string, loc?: Loc): void {
    this.i32(this.ctx.message(text, loc));
    this.call(this.ctx.abortFunc);
    this.w.byte(Op.unreachable);
  }

  block(b: Block): void {
    this.open(Op.block, true);
    for (const s of b.stmts) this.stmt(s);
    this.close();
  }

  private stmt(s: Stmt): void {
    const w = this.w;
    switch (s.type) {
      case 'ReturnLocal':
        this.get(s.source);
        w.byte(Op.return);
        break;
      case 'Call': {
        const fn = this.ctx.policyFunc(s.func, s.args.length);
        const target = fn === undefined ? this.ctx.builtin(s.func, s.args.length) : undefined;
        // Host builtins: opa_builtinN(id, ctx, args...) through the runtime's __apg_hostN wrappers.
        if (target && 'host' in target) {
          if (s.args.length > 4) throw new Error(`wasm codegen: host builtins take at most 4 arguments (${s.func})`);
          this.i32(target.host);
        }
        for (const a of s.args) this.operand(a);
        if (fn !== undefined) this.call(fn);
        else if (target && 'runtime' in target) this.call(target.runtime);
        else this.helper(`__apg_host${s.args.length}`);
        this.tee(s.result);
        w.byte(Op.i32Eqz);
        this.undefinedIf();
        break;
      }
      case 'Block':
        for (const b of s.blocks) this.block(b);
        break;
      case 'Break':
        this.brIrBlock(s.index, false);
        break;
      case 'Dot':
        this.operand(s.source);
        this.operand(s.key);
        if (s.key.kind === 'string') {
          this.i32(this.ctx.cacheSlot());
          this.helper('__apg_dot_str');
        } else {
          this.helper('__apg_dot');
        }
        this.tee(s.target);
        w.byte(Op.i32Eqz);
        this.undefinedIf();
        break;
      case 'Len':
        this.operand(s.source);
        this.helper('__apg_len');
        this.tee(s.target);
        w.byte(Op.i32Eqz);
        this.undefinedIf();
        break;
      case 'Scan': {
        const n = this.temp();
        const i = this.temp();
        this.get(s.source);
        this.helper('__apg_scan_len');
        w.byte(Op.localSet).u32(n);
        this.i32(0);
        w.byte(Op.localSet).u32(i);
        this.open(Op.block, false);
        this.open(Op.loop, false);
        w.byte(Op.localGet).u32(i).byte(Op.localGet).u32(n).byte(Op.i32GeS).byte(Op.brIf).u32(1);
        if (this.reads.has(s.key)) {
          this.get(s.source);
          w.byte(Op.localGet).u32(i);
          this.helper('__apg_scan_key');
          this.set(s.key);
        }
        if (this.reads.has(s.value)) {
          this.get(s.source);
          w.byte(Op.localGet).u32(i);
          this.helper('__apg_scan_val');
          this.set(s.value);
        }
        w.byte(Op.localGet).u32(i);
        this.i32(1);
        w.byte(Op.i32Add).byte(Op.localSet).u32(i);
        this.helper('__apg_step'); // counts toward the evaluation's step limit
        this.block(s.block);
        w.byte(Op.br).u32(0);
        this.close();
        this.close();
        break;
      }
      case 'Not':
        this.open(Op.block, true);
        for (const st of s.block.stmts) this.stmt(st);
        // The body held: the Not is undefined (leave the block enclosing the Not).
        this.brIrBlock(1, false);
        this.close();
        break;
      case 'AssignInt':
      case 'MakeNumberInt':
        // Numbers are immutable: one constant in the data segment serves every evaluation.
        if (!Number.isSafeInteger(s.value)) throw new Error(`wasm codegen: ${this.name}: ${s.type} of a non-integer ${s.value}`);
        this.i32(this.ctx.intAddr(BigInt(s.value)));
        this.set(s.target);
        break;
      case 'AssignVar':
        this.operand(s.source);
        this.set(s.target);
        break;
      case 'AssignVarOnce': {
        this.get(s.target);
        w.byte(Op.i32Eqz).byte(Op.if).byte(Op.blockVoid);
        this.labels.push({ kind: 'label', irBlock: false });
        this.operand(s.source);
        this.set(s.target);
        w.byte(Op.else);
        this.get(s.target);
        this.operand(s.source);
        this.helper('__apg_equal');
        w.byte(Op.i32Eqz).byte(Op.if).byte(Op.blockVoid);
        this.abort(
          s.message === 'function'
            ? 'eval_conflict_error: functions must not produce multiple outputs for same inputs'
            : 'eval_conflict_error: complete rules must not produce multiple outputs',
          s.loc,
        );
        w.byte(Op.end);
        this.close();
        break;
      }
      case 'ResetLocal':
        this.i32(0);
        this.set(s.target);
        break;
      case 'MakeNull':
        this.i32(this.ctx.nullAddr);
        this.set(s.target);
        break;
      case 'MakeNumberRef': {
        const at = this.ctx.numberAddr(s.index);
        if (at !== undefined) {
          this.i32(at);
        } else {
          const str = this.ctx.stringAddr(s.index);
          // A string value's bytes pointer and length: @8 and @4.
          this.i32(str);
          w.byte(0x28).byte(2).u32(8);
          this.i32(str);
          w.byte(0x28).byte(2).u32(4);
          this.helper('__apg_make_number_ref');
        }
        this.set(s.target);
        break;
      }
      case 'MakeArray':
        this.i32(s.capacity);
        this.helper('__apg_make_array');
        this.set(s.target);
        break;
      case 'MakeObject':
        this.helper('__apg_make_object');
        this.set(s.target);
        break;
      case 'MakeSet':
        this.helper('__apg_make_set');
        this.set(s.target);
        break;
      case 'Equal':
      case 'NotEqual':
        this.operand(s.a);
        this.operand(s.b);
        this.helper('__apg_equal');
        if (s.type === 'Equal') w.byte(Op.i32Eqz);
        this.undefinedIf();
        break;
      case 'IsArray':
      case 'IsObject':
      case 'IsSet':
        this.operand(s.source);
        this.helper('__apg_type');
        this.i32(s.type === 'IsArray' ? T_ARRAY : s.type === 'IsObject' ? T_OBJECT : T_SET);
        w.byte(Op.i32Ne);
        this.undefinedIf();
        break;
      case 'IsDefined':
        this.get(s.source);
        w.byte(Op.i32Eqz);
        this.undefinedIf();
        break;
      case 'IsUndefined':
        this.get(s.source);
        this.undefinedIf();
        break;
      case 'ArrayAppend':
        this.get(s.array);
        this.operand(s.value);
        this.helper('__apg_array_append');
        break;
      case 'ObjectInsert':
        this.get(s.object);
        this.operand(s.key);
        this.operand(s.value);
        this.helper('__apg_object_insert');
        break;
      case 'ObjectInsertOnce':
        this.get(s.object);
        this.operand(s.key);
        this.operand(s.value);
        this.helper('__apg_object_insert_once');
        w.byte(Op.if).byte(Op.blockVoid);
        this.abort('eval_conflict_error: object keys must be unique', s.loc);
        w.byte(Op.end);
        break;
      case 'ObjectMerge':
        this.get(s.a);
        this.get(s.b);
        this.helper('__apg_object_merge');
        this.tee(s.target);
        w.byte(Op.i32Eqz).byte(Op.if).byte(Op.blockVoid);
        this.abort('eval_conflict_error: object merge: both values must be objects');
        w.byte(Op.end);
        break;
      case 'SetAdd':
        this.w.byte(Op.localGet).u32(this.local(s.set));
        this.operand(s.value);
        this.helper('__apg_set_append');
        break;
      case 'ResultSetAdd':
        this.get(s.value);
        this.helper('__apg_result_add');
        break;
      case 'With': {
        const saved = this.temp();
        const g = this.ctx.withDepthGlobal;
        this.get(s.local);
        w.byte(Op.localSet).u32(saved);
        w.byte(Op.globalGet).u32(g);
        this.i32(1);
        w.byte(Op.i32Add).byte(Op.globalSet).u32(g);
        this.get(s.local);
        this.i32(this.ctx.pathAddr(s.path));
        this.operand(s.value);
        this.helper('__apg_upsert');
        this.set(s.local);
        this.labels.push({ kind: 'with', local: s.local, saved });
        this.block(s.block);
        this.labels.pop();
        this.restoreWith(s.local, saved);
        break;
      }
      case 'Nop':
        break;
      default:
        throw new Error(`wasm codegen: unknown IR statement ${(s as { type: string }).type}`);
    }
  }

  /** The function body: locals declaration + code + end. */
  finish(): Uint8Array {
    // A function that runs off its end returns its result local.
    if (this.resultLocal !== undefined) this.get(this.resultLocal);
    this.code.byte(Op.end);
    const out = new ByteWriter();
    const count = this.nextLocal - this.paramTotal;
    if (count > 0) out.u32(1).u32(count).byte(I32);
    else out.u32(0);
    out.bytes(this.code.finish());
    return out.finish();
  }
}
