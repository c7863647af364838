// The helper in the platform's Eureka registry, through Eureka's REST API (the one Spring's Eureka client
// speaks): register, renew the lease every 10 s (re-registering when the registry forgot us), cancel on shutdown,
// and find the instances of other services. The registry only admits the platform's services: HTTP basic with the
// internal client's id and secret, as RegistryCredentials adds them for the Java services.

const RENEW_EVERY_MS = 10_000
const LEASE_MS = 30_000
const INSTANCES_FRESH_MS = 5_000
/** A registry that is itself starting (standalone mode starts everything at once) can take seconds to answer. */
const TIMEOUT_MS = 10_000

export class EurekaClient {
  /**
   * @param {{urls: string[], hostname: string, clientId: string, clientSecret?: string}} settings
   * @param {{app: string, port: number, healthPath: string}} self
   */
  constructor(settings, self, log) {
    this.registries = settings.urls.map((url) => withCredentials(url, settings.clientId, settings.clientSecret))
    this.hostname = settings.hostname
    this.self = self
    this.log = log
    this.instanceId = `${self.app}:${settings.hostname}:${self.port}`
    this.known = new Map()
    this.timer = null
    this.registered = false
    this.failing = false
  }

  /** Registers now (or at the next renewal if the registry is not up yet) and keeps the lease. */
  start() {
    // One line when the registry stops answering and one when it answers again, not one every 10 s.
    const tick = async () => {
      try {
        await this.renew()
        if (this.failing) this.log.info('registry: reachable again')
        this.failing = false
      } catch (error) {
        if (!this.failing) this.log.warn(`registry: ${error.message}; trying every ${RENEW_EVERY_MS / 1000} s`)
        this.failing = true
      }
    }
    this.timer = setInterval(tick, RENEW_EVERY_MS)
    this.timer.unref()
    return tick()
  }

  async renew() {
    if (this.registered) {
      const response = await this.call('PUT', `apps/${this.self.app.toUpperCase()}/${encodeURIComponent(this.instanceId)}`)
      if (response.status !== 404) return ensureOk(response, 'renewing the lease')
      this.log.info('registry: it no longer knows this instance; registering again')
    }
    ensureOk(await this.call('POST', `apps/${this.self.app.toUpperCase()}`, { instance: this.instance() }), 'registering')
    if (!this.registered) this.log.info(`registry: registered as ${this.instanceId}`)
    this.registered = true
  }

  /** Leaves the registry, so the gateway stops routing here before the process ends. */
  async stop() {
    clearInterval(this.timer)
    if (!this.registered) return
    this.registered = false
    try {
      await this.call('DELETE', `apps/${this.self.app.toUpperCase()}/${encodeURIComponent(this.instanceId)}`)
    } catch (error) {
      this.log.warn(`registry: could not cancel the lease (${error.message}); it expires by itself`)
    }
  }

  /** Base URLs (`http://host:port`) of the UP instances of `app`, fetched at most every 5 s. */
  async instances(app) {
    const cached = this.known.get(app)
    if (cached && Date.now() - cached.at < INSTANCES_FRESH_MS) return cached.urls
    const response = await this.call('GET', `apps/${app.toUpperCase()}`)
    let urls = []
    if (response.status !== 404) {
      ensureOk(response, `looking up ${app}`)
      const body = await response.json()
      const listed = body?.application?.instance ?? []
      urls = (Array.isArray(listed) ? listed : [listed])
        .filter((instance) => instance.status === 'UP')
        .map((instance) => `http://${instance.hostName}:${instance.port?.$ ?? instance.port}`)
    }
    this.known.set(app, { at: Date.now(), urls })
    return urls
  }

  instance() {
    const base = `http://${this.hostname}:${this.self.port}`
    return {
      instanceId: this.instanceId,
      hostName: this.hostname,
      app: this.self.app.toUpperCase(),
      ipAddr: '127.0.0.1',
      vipAddress: this.self.app,
      secureVipAddress: this.self.app,
      status: 'UP',
      port: { $: this.self.port, '@enabled': 'true' },
      securePort: { $: 443, '@enabled': 'false' },
      homePageUrl: `${base}/`,
      statusPageUrl: `${base}${this.self.healthPath}`,
      healthCheckUrl: `${base}${this.self.healthPath}`,
      dataCenterInfo: { '@class': 'com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo', name: 'MyOwn' },
      leaseInfo: { renewalIntervalInSecs: RENEW_EVERY_MS / 1000, durationInSecs: LEASE_MS / 1000 },
      // The gateway's service list probes this path (Spring Boot Admin's key for the same thing).
      metadata: { 'health.path': this.self.healthPath },
    }
  }

  /** One call, to each registry in turn until one answers. */
  async call(method, path, body) {
    let failure
    for (const registry of this.registries) {
      try {
        return await fetch(new URL(path, registry.url), {
          method,
          headers: {
            Accept: 'application/json',
            ...(registry.authorization ? { Authorization: registry.authorization } : {}),
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        })
      } catch (error) {
        failure = error
      }
    }
    throw new Error(`no registry answered (${failure?.cause?.code ?? failure?.message})`)
  }
}

function ensureOk(response, what) {
  if (!response.ok) throw new Error(`${what} failed with HTTP ${response.status}`)
}

/**
 * The registry's URL without credentials (they never appear in a log line) and the Authorization header: the
 * URL's own credentials, else the internal client's.
 */
export function withCredentials(url, clientId, clientSecret) {
  const parsed = new URL(url.endsWith('/') ? url : `${url}/`)
  let user = decodeURIComponent(parsed.username)
  let password = decodeURIComponent(parsed.password)
  parsed.username = ''
  parsed.password = ''
  if (!user && clientSecret) {
    user = clientId
    password = clientSecret
  }
  return {
    url: parsed.toString(),
    authorization: user ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined,
  }
}
