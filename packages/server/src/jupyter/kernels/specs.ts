/**
 * The kernelspecs this server offers (GET /api/kernelspecs): the Huntbook kernel, whose argv
 * and spec come from @huntbook/kernel, shaped as Jupyter Server shapes them.
 */
import { KERNEL_NAME, kernelSpec, type KernelSpec } from '@huntbook/kernel';

export interface KernelSpecModel {
  name: string;
  spec: KernelSpec & { env: Record<string, string> };
  resources: Record<string, string>;
}

export const DEFAULT_KERNEL = KERNEL_NAME;

export function kernelSpecs(): Map<string, KernelSpecModel> {
  const spec = kernelSpec();
  return new Map([[KERNEL_NAME, { name: KERNEL_NAME, spec: { ...spec, env: spec.env ?? {} }, resources: {} }]]);
}
