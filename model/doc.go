// Package model holds what the dashboard knows and the rules over it, with
// no terminal code: per-function log buffers that history pages and the live
// stream fill without gaps or repeats, their filtered and merged views,
// export and copy formats, and the sanitizing that makes untrusted text from
// the API safe to draw.
//
// Text that reaches a terminal is made safe once, on the way in (see
// Sanitize), never per frame. Nothing here imports a terminal library.
package model
