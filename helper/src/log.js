// Plain log lines on the console ("<time> LEVEL helper: message"), beside the platform's own in standalone mode.
function line(level, message, error) {
  const text = `${new Date().toISOString()} ${level.padEnd(5)} helper: ${message}`
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout
  stream.write(error ? `${text}\n${error.stack ?? error}\n` : `${text}\n`)
}

export const consoleLog = {
  info: (message) => line('INFO', message),
  warn: (message) => line('WARN', message),
  error: (message, error) => line('ERROR', message, error),
}
