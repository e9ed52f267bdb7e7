// Kept free of imports so `k8sim version` stays fast.
export const K8SIM_VERSION = '0.1.0'
export const DEFAULT_KUBERNETES_VERSION = '1.32'
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']
/** the patch release the simulated cluster reports */
export const SIMULATED_KUBERNETES_PATCH: Record<string, string> = {
  '1.29': 'v1.29.14', '1.30': 'v1.30.14', '1.31': 'v1.31.12', '1.32': 'v1.32.8', '1.33': 'v1.33.4', '1.34': 'v1.34.1', '1.35': 'v1.35.0',
}
