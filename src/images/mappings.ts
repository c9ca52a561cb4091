// The image and package tables: built-in data with a user's overlay on top.

export interface ImageRule {
  /** An image name or `name:tag`, `*` globs allowed. */
  match: string;
  /** The image name to use instead. */
  image: string;
}

export interface Mappings {
  /** User rules first: the first match wins. */
  images: ImageRule[];
  /** A prefix put in front of every Docker Hub image, for companies that mirror images. */
  registry: string | null;
  /** Debian package name -> Alpine package name. */
  packages: Record<string, string>;
}

export const emptyMappings = (): Mappings => ({ images: [], registry: null, packages: {} });
