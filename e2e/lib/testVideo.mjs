// A short test video made on the spot, so each run uploads bytes the platform has never seen (no 秒传).
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const VERSION = '8.1.2-1.5.14'
const UNPACKED = resolve(import.meta.dirname, '..', 'target', 'ffmpeg')
const BINARY = join(UNPACKED, 'org', 'bytedeco', 'ffmpeg', 'linux-x86_64-gpl', 'ffmpeg')
const JAR = join(homedir(), '.m2', 'repository', 'org', 'bytedeco', 'ffmpeg', VERSION, `ffmpeg-${VERSION}-linux-x86_64-gpl.jar`)

/**
 * ffmpeg: $FFMPEG; else the one inside org.bytedeco:ffmpeg (linux-x86_64-gpl), which the e2e module's Maven
 * build unpacks into e2e/target/ffmpeg (or, outside Maven, unpacked here from the local Maven repository);
 * else `ffmpeg` on the PATH.
 */
export function ffmpegCommand() {
  if (process.env.FFMPEG) return { command: process.env.FFMPEG, env: process.env }
  if (!existsSync(BINARY) && existsSync(JAR)) {
    mkdirSync(UNPACKED, { recursive: true })
    execFileSync('unzip', ['-q', '-o', JAR, 'org/bytedeco/ffmpeg/linux-x86_64-gpl/*', '-d', UNPACKED])
    chmodSync(BINARY, 0o755)
  }
  if (existsSync(BINARY)) {
    return { command: BINARY, env: { ...process.env, LD_LIBRARY_PATH: dirname(BINARY) } }
  }
  return { command: 'ffmpeg', env: process.env }
}

/**
 * A colourful moving test pattern with a tone: H.264/AAC in MP4, `seconds` long, 1280×720 so that the
 * platform makes several renditions (360p, 480p, 720p) to switch between.
 */
export function makeTestVideo(folder, seconds = 8) {
  const file = join(folder, `e2e-${Date.now()}.mp4`)
  const { command, env } = ffmpegCommand()
  execFileSync(
    command,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1280x720:rate=25:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-preset',
      'veryfast',
      '-c:a',
      'aac',
      '-metadata',
      `comment=openbili-e2e-${Date.now()}-${Math.random()}`,
      '-y',
      file,
    ],
    { env, stdio: 'inherit' },
  )
  return file
}
