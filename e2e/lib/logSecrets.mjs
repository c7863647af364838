// Reads every log a platform wrote (its console log and DATA_DIR/logs/*.json) for lines carrying an access token
// (a JWT) or one of the given passwords, at any level. The suite fails on one: tokens travel in URLs here
// (the WebSocket's ?access_token=), and a log line must never carry them.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/

export function logLinesWithSecrets({ logFile, dataDir }, passwords = []) {
  const files = [logFile]
  const logs = join(dataDir, 'logs')
  if (existsSync(logs)) files.push(...readdirSync(logs).map((name) => join(logs, name)))
  const secrets = passwords.filter(Boolean)
  const internal = join(dataDir, 'internal-client-secret')
  if (existsSync(internal)) secrets.push(readFileSync(internal, 'utf8').trim())
  const found = []
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (JWT.test(line) || secrets.some((secret) => line.includes(secret))) found.push(`${file}: ${line.slice(0, 300)}`)
    }
  }
  return found
}
