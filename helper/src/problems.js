// RFC 9457 problem documents, shaped like the Java services' (platform/common's Problems): a stable `code`, and
// for a bad field `errors: [{field, message}]`.
import { STATUS_CODES } from 'node:http'

const TYPE_BASE = 'https://openbili.org/problems/'

/** An error a route throws to answer with a problem; Express 5 hands it to {@link problemHandler}. */
export class Problem extends Error {
  constructor(status, code, detail, { errors, headers, cause } = {}) {
    super(detail, cause ? { cause } : undefined)
    this.status = status
    this.code = code
    this.errors = errors
    this.headers = headers
  }

  static invalidField(field, message) {
    return new Problem(400, 'VALIDATION_FAILED', `${field} ${message}`, { errors: [{ field, message }] })
  }

  static notFound(code, detail) {
    return new Problem(404, code, detail)
  }
}

/** The service behind a page or a read is unreachable or failing: a 503, never a 500. */
export class UpstreamUnavailable extends Problem {
  constructor(service, cause) {
    super(503, 'SERVICE_UNAVAILABLE', `The ${service} service is unavailable right now. Try again shortly.`, {
      headers: { 'Retry-After': '5' },
      cause,
    })
  }
}

export function sendProblem(res, problem, instance) {
  const body = {
    type: TYPE_BASE + problem.code.toLowerCase().replaceAll('_', '-'),
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    instance,
    code: problem.code,
  }
  if (problem.errors?.length) body.errors = problem.errors
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.set(name, value)
  res.status(problem.status).type('application/problem+json').set('Cache-Control', 'no-store').send(JSON.stringify(body))
}

/** Paths nothing serves. */
export function notFoundHandler(req, res) {
  sendProblem(res, Problem.notFound('NOT_FOUND', 'Nothing is served at this address.'), req.path)
}

/**
 * Last in the chain: a Problem as itself; Express's own client errors (a malformed URI, say) as a 400-range
 * problem; anything else is logged and answered as a 500 without internals.
 */
export function problemHandler(log) {
  // eslint-disable-next-line no-unused-vars -- Express knows an error handler by its four parameters
  return (error, req, res, next) => {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof Problem) {
      if (error.status >= 500) log.warn(`${req.method} ${req.path}: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`)
      sendProblem(res, error, req.path)
      return
    }
    const status = Number(error?.status ?? error?.statusCode)
    if (status >= 400 && status < 500) {
      sendProblem(res, new Problem(status, codeFor(status), 'The request is not valid.'), req.path)
      return
    }
    log.error(`${req.method} ${req.path} failed`, error)
    sendProblem(res, new Problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'), req.path)
  }
}

function codeFor(status) {
  return (
    {
      400: 'BAD_REQUEST',
      404: 'NOT_FOUND',
      405: 'METHOD_NOT_ALLOWED',
      406: 'NOT_ACCEPTABLE',
      413: 'PAYLOAD_TOO_LARGE',
      414: 'URI_TOO_LONG',
      415: 'UNSUPPORTED_MEDIA_TYPE',
    }[status] ?? 'REQUEST_FAILED'
  )
}
