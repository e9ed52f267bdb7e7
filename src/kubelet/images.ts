// Image references as containerd reports them, and the node's image cache (node.status.images).
import {createHash} from 'node:crypto'
import type {KubeObject} from '../api/types.js'

/** `nginx` → `docker.io/library/nginx:latest`; `ghcr.io/a/b:1` stays. Digests are kept. */
export function normalizeImage(image: string): string {
  let n = normalizedCache.get(image)
  if (n === undefined) {
    if (normalizedCache.size > 10_000) normalizedCache.clear()
    normalizedCache.set(image, (n = computeNormalizedImage(image)))
  }
  return n
}

const normalizedCache = new Map<string, string>()

function computeNormalizedImage(image: string): string {
  let name = image
  let suffix = ''
  const at = name.indexOf('@')
  if (at >= 0) {
    suffix = name.slice(at)
    name = name.slice(0, at)
  }
  const slash = name.indexOf('/')
  const first = slash < 0 ? '' : name.slice(0, slash)
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (!hasRegistry) name = `docker.io/${slash < 0 ? 'library/' : ''}${name}`
  const lastSlash = name.lastIndexOf('/')
  const hasTag = name.slice(lastSlash + 1).includes(':')
  if (!hasTag && !suffix) name += ':latest'
  return name + suffix
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex')
}

const idCache = new Map<string, string>()
const sizeCache = new Map<string, number>()

/** `docker.io/library/nginx@sha256:...` — a stable digest per image name. */
export function imageID(image: string): string {
  let id = idCache.get(image)
  if (id === undefined) idCache.set(image, (id = computeImageID(image)))
  return id
}

function computeImageID(image: string): string {
  const n = normalizeImage(image)
  if (n.includes('@')) return n
  const repo = n.slice(0, n.lastIndexOf(':') > n.lastIndexOf('/') ? n.lastIndexOf(':') : n.length)
  return `${repo}@sha256:${sha256Hex('image:' + n)}`
}

/** A plausible, stable compressed size (10–100 MB) for the Pulled event and node.status.images. */
export function imageSizeBytes(image: string): number {
  let size = sizeCache.get(image)
  if (size === undefined) sizeCache.set(image, (size = computeImageSize(image)))
  return size
}

function computeImageSize(image: string): number {
  const h = Number.parseInt(sha256Hex('size:' + normalizeImage(image)).slice(0, 8), 16)
  return 10_000_000 + (h % 90_000_000)
}

export function imagePresentOnNode(node: KubeObject, image: string): boolean {
  const images = node.status?.images
  if (!Array.isArray(images) || images.length === 0) return false
  return normalizedNamesOf(images).has(normalizeImage(image))
}

/**
 * The normalized names of a node's image list, kept per list: every container start asks, and a node's list only
 * changes as a new array (a status write) or through addImageToNode, which drops the entry of the list it grows.
 */
const namesByImageList = new WeakMap<any[], Set<string>>()

function normalizedNamesOf(images: any[]): Set<string> {
  let names = namesByImageList.get(images)
  if (!names) {
    names = new Set()
    for (const img of images) for (const n of img?.names ?? []) if (typeof n === 'string') names.add(normalizeImage(n))
    namesByImageList.set(images, names)
  }
  return names
}

/** Add a pulled image to node.status.images (mutates node). Returns false when it was already listed. */
export function addImageToNode(node: KubeObject, image: string): boolean {
  if (imagePresentOnNode(node, image)) return false
  node.status ??= {}
  node.status.images ??= []
  node.status.images.push({names: [imageID(image), normalizeImage(image)], sizeBytes: imageSizeBytes(image)})
  namesByImageList.delete(node.status.images)
  return true
}

/** SetDefaults_Container's rule, for pods stored without defaults. */
export function pullPolicyOf(c: {image?: string; imagePullPolicy?: string}): string {
  if (c.imagePullPolicy) return c.imagePullPolicy
  const img = c.image ?? ''
  if (img.includes('@')) return 'IfNotPresent'
  const last = img.slice(img.lastIndexOf('/') + 1)
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : 'latest'
  return tag === 'latest' ? 'Always' : 'IfNotPresent'
}

/** Go's time.Duration.String() for the durations the kubelet prints (`2s`, `500ms`, `1m30s`, `2.5s`). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${ms}ms`
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = (ms % 60_000) / 1000
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`
  if (h > 0) return `${h}h${m}m${sec}`
  if (m > 0) return `${m}m${sec}`
  return sec
}
