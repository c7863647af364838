import { shallowRef } from 'vue'
import { jwtClaims, type TokenPair, type TokenStore } from './client'

const KEY = 'openbili.tokens'

/**
 * The signed-in session's tokens in localStorage, shared by every tab: a tab that refreshes or signs out
 * changes them for the others too (the `storage` event keeps the reactive copy current).
 */
export class LocalTokenStore implements TokenStore {
  /** Reactive, so the UI follows sign-in and sign-out, in this tab or another. */
  readonly current = shallowRef<TokenPair | null>(null)

  constructor(private readonly storage: Storage = localStorage) {
    this.current.value = this.load()
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === KEY) this.current.value = this.load()
      })
    }
  }

  read(): TokenPair | null {
    // Read through to storage: another tab may have rotated the tokens a moment ago.
    const stored = this.load()
    if (stored?.accessToken !== this.current.value?.accessToken) this.current.value = stored
    return stored
  }

  write(tokens: TokenPair | null): void {
    if (tokens) this.storage.setItem(KEY, JSON.stringify(tokens))
    else this.storage.removeItem(KEY)
    this.current.value = tokens
  }

  private load(): TokenPair | null {
    try {
      const raw = this.storage.getItem(KEY)
      return raw ? (JSON.parse(raw) as TokenPair) : null
    } catch {
      return null
    }
  }
}

/** Who the access token says the user is: the uid is its subject, the roles its `roles` claim. */
export function identityOf(accessToken: string): { uid: string | null; roles: string[] } {
  const claims = jwtClaims(accessToken)
  return {
    uid: typeof claims.sub === 'string' ? claims.sub : null,
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
  }
}

/** Web Locks where the browser has them, so two tabs never refresh the same token at once. */
export async function webLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return task()
  return (await navigator.locks.request(name, task)) as T
}
