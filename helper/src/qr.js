// GET /qr?url=…&format=png|svg: a QR code of one of this site's own URLs ("scan to watch on the phone"), so the
// helper never becomes a QR service for anyone's links.
import QRCode from 'qrcode'
import { Problem } from './problems.js'
import { ownUrl, siteOrigin } from './site.js'

const MAX_URL_LENGTH = 1024
const PNG_WIDTH = 320

export function qrRoutes(app, { siteUrl }) {
  app.get('/qr', async (req, res) => {
    const { url, format = 'png' } = req.query
    if (typeof url !== 'string' || url.trim() === '') throw Problem.invalidField('url', 'is required')
    if (url.length > MAX_URL_LENGTH) throw Problem.invalidField('url', `must be at most ${MAX_URL_LENGTH} characters`)
    if (format !== 'png' && format !== 'svg') throw Problem.invalidField('format', 'must be png or svg')
    const origin = siteOrigin(req, siteUrl)
    const target = ownUrl(url, origin)
    if (!target) {
      throw new Problem(400, 'FOREIGN_URL', `Only addresses of this site (${origin}) get a QR code.`, {
        errors: [{ field: 'url', message: `must be an address of ${origin}` }],
      })
    }
    const options = { errorCorrectionLevel: 'M', margin: 2 }
    res.set('Cache-Control', 'public, max-age=86400')
    if (format === 'svg') {
      res.type('image/svg+xml').send(await QRCode.toString(target.toString(), { ...options, type: 'svg' }))
    } else {
      res.type('image/png').send(await QRCode.toBuffer(target.toString(), { ...options, type: 'png', width: PNG_WIDTH }))
    }
  })
}
