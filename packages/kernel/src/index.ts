/** @huntbook/kernel: the Huntbook Jupyter kernel (TypeScript cells, %kql magics, rich display). */
export { runKernel, parseKernelArgs, kernelMain, KERNEL_USAGE, type KernelOptions } from './main.ts';
export { installKernelSpec, kernelSpec, jupyterDataDir, launcherPath, KERNEL_NAME, DISPLAY_NAME, type InstallTarget, type KernelSpec } from './install.ts';
export * from './types.ts';
export { createExecutor, type Executor } from './exec/index.ts';
export { renderToVegaLite, renderChart, DEFAULT_MAX_ROWS, type RenderOptions, type Chart } from './render/index.ts';
export { runKqlMagic, completeKql, KqlResult, connectionFromEnv, kqlLiteral, kqlString, KqlMagicError, KqlParameterError, KqlConnectionError, KqlQueryError } from './kql/index.ts';
export { Signer, encode, decode, WireError, DELIMITER } from './protocol/wire.ts';
export type { Message as WireMessage, Header as WireHeader } from './protocol/messages.ts';
export type { ConnectionInfo } from './protocol/connection.ts';
