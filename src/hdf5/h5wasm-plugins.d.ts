/** h5wasm-plugins 0.2.1 ships JavaScript only; the one function the platform calls. */
declare module "h5wasm-plugins" {
  /** Put the package's compiled filter plugins (Blosc 32001, …) first on the HDF5 plugin path. */
  export function install_local_plugins(module: unknown): void;
}
