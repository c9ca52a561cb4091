// Image references read into parts: registry, repository path, tag and digest.

export interface ImageRef {
  /** `registry.example.com:5000`, or null for Docker Hub. */
  registry: string | null;
  /** Repository path without the registry: `node`, `bitnami/node`, `library/node`. */
  repository: string;
  tag: string | null;
  /** `sha256:...`, without the `@`. */
  digest: string | null;
}

/** Splits an image reference as Docker does; `${VARS}` stay in place as text. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, repository: rest, tag, digest };
}

/** Writes an ImageRef back as a reference string. */
export function formatImageRef(ref: ImageRef): string {
  return (
    (ref.registry ? ref.registry + '/' : '') +
    ref.repository +
    (ref.tag !== null ? ':' + ref.tag : '') +
    (ref.digest !== null ? '@' + ref.digest : '')
  );
}

/** The repository's last path part without `library/`: `node` for `docker.io/library/node`. */
export function imageBaseName(ref: ImageRef): string {
  const parts = ref.repository.split('/');
  return parts[parts.length - 1].toLowerCase();
}

/** Replaces `$NAME` / `${NAME}` with values from `vars`; unknown names stay as written. */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, a?: string, b?: string) => {
      const name = a ?? b ?? '';
      return vars.get(name) ?? whole;
    },
  );
}
