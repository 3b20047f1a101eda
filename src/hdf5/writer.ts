/**
 * A minimal HDF5 writer: groups, attributes and one-dimensional chunked datasets of any `H5Type`, in
 * one file that the HDF5 library reads (h5wasm, and h5py, which can also change it read-write: see
 * test/hdf5/h5py.test.ts).
 *
 * Why it exists: h5wasm 0.8.11 (the reader this platform installs, the one h5wasm-plugins 0.2.1 works
 * with) cannot create compound datasets, and kite_app's files are compound records. The subset written
 * is the HDF5 1.8 file format (specification version 2): superblock version 2, object headers version
 * 2 with lookup3 checksums, compact ("new-style") groups of link messages, attribute messages version
 * 3, chunked layout version 3 indexed by a version 1 B-tree (node capacity 64, the library default),
 * variable-length strings in global heap collections (of at most 65,535 objects each: the object
 * index is 16 bits). Chunks are stored whole (the last one padded with zeros, as the library does) and
 * passed through the dataset's filters in order; `shuffle` and `deflate` are provided (gzip in h5py's
 * words), any other filter brings its own encoder.
 *
 * Order of writing: a placeholder for the superblock; each dataset's chunks and chunk index as soon
 * as it is added (its records are not kept); at `finish()` the string heaps, every object header
 * (children before their group) and the superblock over the placeholder. In memory by default
 * (`toBytes()`, `write(path)`); on a `FileSink` (sink.ts) a file of any size is written with one
 * dataset in memory at a time.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { ByteWriter } from "./bytes.ts";
import { lookup3 } from "./lookup3.ts";
import { MemorySink, type ByteSink } from "./sink.ts";
import { encodeDataspace, encodeDatatype, typeSize, type H5Type } from "./types.ts";

/** An attribute value: text → variable-length UTF-8 string (h5py's `str`), bigint → int64, number → float64. */
export type AttributeValue = string | bigint | number;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface H5Filter {
  id: number;
  /** Stored for filters numbered 256 and up (registered third-party filters). */
  name?: string;
  clientData: readonly number[];
  encode(chunk: Uint8Array): Uint8Array;
}

/** HDF5's byte shuffle (filter 2): byte i of every element together, for elements of `elementSize` bytes. */
export function shuffleFilter(elementSize: number): H5Filter {
  return {
    id: 2,
    clientData: [elementSize],
    encode(chunk) {
      const n = chunk.length / elementSize;
      const out = new Uint8Array(chunk.length);
      for (let e = 0; e < n; e++) for (let b = 0; b < elementSize; b++) out[b * n + e] = chunk[e * elementSize + b];
      return out;
    },
  };
}

/** zlib deflate (filter 1, h5py's "gzip") at `level` 0-9. */
export function deflateFilter(level: number): H5Filter {
  return { id: 1, clientData: [level], encode: (chunk) => deflateSync(chunk, { level }) };
}

export interface DatasetSpec {
  type: H5Type;
  /** The elements, packed as `type` lays them out: rows × typeSize(type) bytes. */
  data: Uint8Array;
  /** Rows per chunk. */
  chunkRows: number;
  /** Maximum rows unlimited (h5py's `maxshape=(None,)`); default: fixed at the row count. */
  resizable?: boolean;
  filters?: readonly H5Filter[];
  attrs?: Attributes;
}

interface GroupNode {
  kind: "group";
  children: Map<string, Node>;
  attrs: Record<string, AttributeValue>;
}
/** A dataset whose chunks are written: what its object header still needs. */
interface DatasetNode {
  kind: "dataset";
  type: H5Type;
  rows: number;
  chunkRows: number;
  resizable: boolean;
  filters: readonly H5Filter[];
  /** The chunk B-tree's address; undefined when there are no chunks. */
  index: number | undefined;
  attrs: Record<string, AttributeValue>;
}
type Node = GroupNode | DatasetNode;

const UNDEFINED = undefined;
const BTREE_CHILDREN = 64; // 2K with K = 32, the library's default for chunk B-trees
const GLOBAL_HEAP_MIN = 4096;
const GLOBAL_HEAP_OBJECTS = 65_535; // the object index is 16 bits; 0 is the free space
const SUPERBLOCK_BYTES = 48;
const MSG = { dataspace: 0x01, linkInfo: 0x02, datatype: 0x03, fillValue: 0x05, link: 0x06, layout: 0x08, groupInfo: 0x0a, filters: 0x0b, attribute: 0x0c } as const;
const utf8 = (s: string) => new TextEncoder().encode(s);
const align8 = (n: number) => (n + 7) & ~7;

/** A global heap reference per distinct string: its collection's address and its index there (from 1). */
class StringHeaps {
  private readonly refs = new Map<string, { collection: number; index: number }>();
  private readonly collections: string[][] = [];
  private addresses: number[] = [];

  add(s: string): void {
    if (this.refs.has(s)) return;
    let last = this.collections.at(-1);
    if (!last || last.length === GLOBAL_HEAP_OBJECTS) this.collections.push((last = []));
    last.push(s);
    this.refs.set(s, { collection: this.collections.length - 1, index: last.length });
  }

  /** Write every collection to `out`. */
  place(out: ByteSink): void {
    this.addresses = this.collections.map((strings) => {
      const address = out.length;
      out.append(encodeCollection(strings));
      return address;
    });
  }

  ref(s: string): { address: number; index: number } {
    const { collection, index } = this.refs.get(s)!;
    return { address: this.addresses[collection], index };
  }
}

/** A global heap collection holding `strings` as objects 1, 2, …, and its free space as object 0. */
function encodeCollection(strings: readonly string[]): Uint8Array {
  const objects = new ByteWriter();
  strings.forEach((s, i) => {
    const bytes = utf8(s);
    objects.u16(i + 1).u16(0).u32(0).u64(bytes.length).bytes(bytes).zeros(align8(bytes.length) - bytes.length);
  });
  const size = Math.max(GLOBAL_HEAP_MIN, 16 + objects.length + 16);
  const w = new ByteWriter().bytes(utf8("GCOL")).u8(1).zeros(3).u64(size).bytes(objects.toBytes());
  // Object 0 is the free space: the rest of the collection, its own header included.
  const free = size - w.length;
  w.u16(0).u16(0).u32(0).u64(free).zeros(free - 16);
  return w.toBytes();
}

function objectHeader(messages: readonly { type: number; data: Uint8Array; flags?: number }[]): Uint8Array {
  const body = new ByteWriter();
  for (const m of messages) body.u8(m.type).u16(m.data.length).u8(m.flags ?? 0).bytes(m.data);
  // Flags: chunk-0 size in 4 bytes (bits 0-1 = 2), attribute phase change values stored (bit 4), so
  // more than the default 8 attributes may stay compact (kite_app datasets carry 9).
  const w = new ByteWriter().bytes(utf8("OHDR")).u8(2).u8(0x02 | 0x10).u16(64).u16(48).u32(body.length).bytes(body.toBytes());
  const bytes = w.toBytes();
  return new ByteWriter().bytes(bytes).u32(lookup3(bytes)).toBytes();
}

function attributeMessage(name: string, value: AttributeValue, heap: StringHeaps): Uint8Array {
  const type: H5Type = typeof value === "string" ? { class: "vlen-string" } : typeof value === "bigint" ? { class: "int", size: 8, signed: true } : { class: "float", size: 8 };
  const datatype = encodeDatatype(type);
  const dataspace = encodeDataspace();
  const nameBytes = utf8(name);
  const data = new ByteWriter();
  if (typeof value === "string") {
    const ref = heap.ref(value);
    data.u32(utf8(value).length).u64(ref.address).u32(ref.index);
  }
  else if (typeof value === "bigint") data.u64(BigInt.asUintN(64, value));
  else {
    const f = new DataView(new ArrayBuffer(8));
    f.setFloat64(0, value, true);
    data.bytes(new Uint8Array(f.buffer));
  }
  const ascii = nameBytes.length === name.length;
  return new ByteWriter()
    .u8(3).u8(0).u16(nameBytes.length + 1).u16(datatype.length).u16(dataspace.length).u8(ascii ? 0 : 1)
    .bytes(nameBytes).u8(0).bytes(datatype).bytes(dataspace).bytes(data.toBytes())
    .toBytes();
}

function filterPipeline(filters: readonly H5Filter[]): Uint8Array {
  const w = new ByteWriter().u8(2).u8(filters.length);
  for (const f of filters) {
    const name = f.id >= 256 ? utf8(`${f.name ?? ""}\u0000`) : undefined;
    w.u16(f.id);
    if (name) w.u16(name.length);
    // Flags 1: optional, as h5py's gzip and shuffle are.
    w.u16(1).u16(f.clientData.length);
    if (name) w.bytes(name);
    for (const v of f.clientData) w.u32(v);
  }
  return w.toBytes();
}

interface Key {
  bytes: number;
  row: number;
  /** Offset in the element dimension: 0 for a chunk's key, the element size for a right-hand key. */
  element: number;
}

export class Hdf5Writer {
  private readonly root: GroupNode = { kind: "group", children: new Map(), attrs: {} };
  private finished = false;

  /** Bytes go to `sink` (default: memory, read with `toBytes()`). */
  constructor(private readonly sink: ByteSink = new MemorySink()) {
    sink.append(new Uint8Array(SUPERBLOCK_BYTES));
  }

  private node(path: string, create: boolean): Node {
    if (this.finished) throw new Error(`HDF5 writer: the file is finished; cannot add ${path}`);
    let at: Node = this.root;
    for (const part of path.split("/").filter((p) => p !== "")) {
      if (at.kind !== "group") throw new Error(`HDF5 writer: ${path} passes through a dataset`);
      let next = at.children.get(part);
      if (!next) {
        if (!create) throw new Error(`HDF5 writer: no ${path}`);
        next = { kind: "group", children: new Map(), attrs: {} };
        at.children.set(part, next);
      }
      at = next;
    }
    return at;
  }

  /** A group at `path` (and the groups above it), with attributes added to any it already has. */
  group(path: string, attrs: Attributes = {}): void {
    const node = this.node(path, true);
    if (node.kind !== "group") throw new Error(`HDF5 writer: ${path} is a dataset`);
    Object.assign(node.attrs, attrs);
  }

  /** A dataset at `path`: its chunks and their index are written now; `spec.data` is not kept. */
  dataset(path: string, spec: DatasetSpec): void {
    const cut = path.lastIndexOf("/");
    const parent = this.node(path.slice(0, cut), true);
    const name = path.slice(cut + 1);
    if (parent.kind !== "group") throw new Error(`HDF5 writer: ${path} is inside a dataset`);
    if (parent.children.has(name)) throw new Error(`HDF5 writer: ${path} already exists`);
    if (!Number.isInteger(spec.chunkRows) || spec.chunkRows < 1) throw new Error(`HDF5 writer: ${path}: chunkRows must be a positive integer, got ${spec.chunkRows}`);
    const elementSize = typeSize(spec.type);
    if (spec.data.length % elementSize !== 0) throw new Error(`HDF5 writer: ${path}: data is not a whole number of elements`);
    const rows = spec.data.length / elementSize;
    const filters = spec.filters ?? [];
    const chunks: { address: number; key: Key }[] = [];
    for (let row = 0; row < rows; row += spec.chunkRows) {
      const chunk = new Uint8Array(spec.chunkRows * elementSize);
      chunk.set(spec.data.subarray(row * elementSize, Math.min(rows, row + spec.chunkRows) * elementSize));
      const stored = filters.reduce<Uint8Array>((bytes, f) => f.encode(bytes), chunk);
      chunks.push({ address: this.sink.length, key: { bytes: stored.length, row, element: 0 } });
      this.sink.append(stored);
    }
    const index = chunks.length === 0 ? UNDEFINED : chunkBtree(this.sink, chunks, { bytes: 0, row: Math.ceil(rows / spec.chunkRows) * spec.chunkRows, element: elementSize });
    parent.children.set(name, {
      kind: "dataset", type: spec.type, rows, chunkRows: spec.chunkRows, resizable: spec.resizable ?? false, filters, index, attrs: { ...(spec.attrs ?? {}) },
    });
  }

  /** Write the string heaps, every object header and the superblock; nothing can be added after. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const heaps = new StringHeaps();
    const collect = (n: Node) => {
      for (const v of Object.values(n.attrs)) if (typeof v === "string") heaps.add(v);
      if (n.kind === "group") for (const c of n.children.values()) collect(c);
    };
    collect(this.root);
    heaps.place(this.sink);
    const rootAddress = this.place(this.root, heaps);
    const superblock = new ByteWriter()
      .bytes(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))
      .u8(2).u8(8).u8(8).u8(0)
      .u64(0).u64(UNDEFINED).u64(this.sink.length).u64(rootAddress)
      .toBytes();
    this.sink.finish(new ByteWriter().bytes(superblock).u32(lookup3(superblock)).toBytes());
  }

  /** The whole file (a writer in memory, the default). */
  toBytes(): Uint8Array {
    if (!(this.sink instanceof MemorySink)) throw new Error("HDF5 writer: toBytes() is for a writer in memory; this one writes to a file");
    this.finish();
    return this.sink.bytes();
  }

  /** Write the whole file to `path` (a writer in memory). */
  write(path: string): void {
    writeFileSync(path, this.toBytes());
  }

  /** Write the object headers of `node` and everything under it; its object header's address. */
  private place(node: Node, heaps: StringHeaps): number {
    const attributes = Object.entries(node.attrs).map(([k, v]) => ({ type: MSG.attribute, data: attributeMessage(k, v, heaps) }));
    let header: Uint8Array;
    if (node.kind === "group") {
      const links = [...node.children].map(([name, child]) => {
        const address = this.place(child, heaps);
        const bytes = utf8(name);
        const w = new ByteWriter().u8(1).u8(bytes.length < 256 ? 0 : 1);
        if (bytes.length < 256) w.u8(bytes.length);
        else w.u16(bytes.length);
        return { type: MSG.link, data: w.bytes(bytes).u64(address).toBytes() };
      });
      const linkInfo = new ByteWriter().u8(0).u8(0).u64(UNDEFINED).u64(UNDEFINED).toBytes();
      header = objectHeader([{ type: MSG.linkInfo, data: linkInfo }, { type: MSG.groupInfo, data: new Uint8Array(2) }, ...links, ...attributes]);
    } else {
      const layout = new ByteWriter().u8(3).u8(2).u8(2).u64(node.index).u32(node.chunkRows).u32(typeSize(node.type)).toBytes();
      header = objectHeader([
        { type: MSG.dataspace, data: encodeDataspace([node.rows], [node.resizable ? null : node.rows]) },
        { type: MSG.datatype, data: encodeDatatype(node.type), flags: 1 },
        // Version 3, allocation incremental, fill written if set, the default fill value.
        { type: MSG.fillValue, data: new Uint8Array([3, 0x03 | (2 << 2)]), flags: 1 },
        { type: MSG.layout, data: layout },
        ...(node.filters.length > 0 ? [{ type: MSG.filters, data: filterPipeline(node.filters) }] : []),
        ...attributes,
      ]);
    }
    const address = this.sink.length;
    this.sink.append(header);
    return address;
  }
}

/**
 * The version 1 B-tree indexing `chunks` (in row order): leaves of up to 64 chunks, then levels of
 * nodes of up to 64 children until one root. Each node holds its children's left keys and the right
 * key of its last child; siblings are linked. Returns the root's address.
 */
function chunkBtree(out: ByteSink, chunks: readonly { address: number; key: Key }[], end: Key): number {
  const keyBytes = 4 + 4 + 2 * 8;
  const nodeBytes = 8 + 16 + (BTREE_CHILDREN + 1) * keyBytes + BTREE_CHILDREN * 8;
  let level = 0;
  let entries: { address: number; key: Key }[] = [...chunks];
  for (;;) {
    const groups: (typeof entries)[] = [];
    for (let i = 0; i < entries.length; i += BTREE_CHILDREN) groups.push(entries.slice(i, i + BTREE_CHILDREN));
    const first = out.length;
    const nodes = groups.map((children, g) => {
      const right = g + 1 < groups.length ? groups[g + 1][0].key : end;
      const w = new ByteWriter().bytes(utf8("TREE")).u8(1).u8(level).u16(children.length);
      w.u64(g > 0 ? first + (g - 1) * nodeBytes : UNDEFINED).u64(g + 1 < groups.length ? first + (g + 1) * nodeBytes : UNDEFINED);
      const key = (k: Key) => w.u32(k.bytes).u32(0).u64(k.row).u64(k.element);
      for (const c of children) key(c.key).u64(c.address);
      key(right);
      w.zeros(nodeBytes - w.length);
      out.append(w.toBytes());
      return { address: first + g * nodeBytes, key: children[0].key };
    });
    if (nodes.length === 1) return nodes[0].address;
    entries = nodes;
    level++;
  }
}
