// Package sim is an in-process simulator of the Sinch Functions operations
// API: OAuth 2.0 client credentials, the function list and status, historical
// logs, the log stream (Server-Sent Events), metrics and billing, with the
// documented rate limits enforced and faults that can be switched on.
//
// The project it serves is generated from a seed. Its traffic is never
// stored: the number of requests a function receives in a minute, and every
// field of each of them, follow from hashing (seed, function, minute, index),
// so thirty days of history cost nothing until asked for. Aggregates per
// minute, quarter hour and UTC day (counts by status class and console
// level, latency and memory sums, a latency histogram) are cached once their
// span lies wholly in the past, which keeps metrics, billing and filtered
// log counts over thirty days fast; only a text search generates every
// record. The first bill late in a month still sums weeks of requests, on
// every core.
//
// Choices the vendor's page leaves open, made here on purpose:
//
//   - A request is visible once the clock passes its start time; history
//     reaches back thirty days from the current time.
//   - Historical logs without endTime end now; without startTime they start
//     24 hours before endTime.
//   - Every authenticated request to a known route counts toward its rate
//     limit group, whatever its answer (400, 404, or an injected 5xx);
//     answers of 429, 401 and 405 do not count, nor do unknown routes.
//   - Query values are checked strictly: levels, orders, statuses, time
//     ranges and periods in lower case as documented, times in RFC 3339, a
//     parameter given twice is refused. Unknown parameters are ignored.
//   - The sixth concurrent stream is refused with 429 and Retry-After: 5.
//   - An injected 5xx fault may replace any API answer, a stream's opening
//     included, but never the token endpoint's. The latency fault delays
//     every answer, the token endpoint's included, on the simulator's clock.
//   - A stream sleeps on the simulator's clock until its next request
//     becomes visible or its next heartbeat is due (15 s after the last,
//     counted from the opening). Events never wait for later ones: what is
//     due is written and flushed before the stream sleeps, a long replay in
//     flushes of about 32 KiB.
//   - A firehose's requests fall at evenly spaced times from the moment it is
//     set; ending or moving it keeps the requests it already made.
//   - With Config.FunctionURLs set to FunctionURLsSelf and served by Start
//     or Listen, the URLs it reports for functions (records, status) are
//     its own, http://fn-<id>.localhost:<port> plus the path, so that a
//     request copied from the logs (as cURL, say) can be replayed, and the
//     path stays the one the function saw. Otherwise they have the vendor's
//     shape. Console lines name the vendor's host either way, so their text
//     does not depend on the port.
//   - A request whose host is fn-<functionID>.localhost (any port, any case)
//     answers as the function would, whatever its path and whatever the
//     URLs reported: any method, no token, counted toward no rate limit and
//     never faulted (the latency fault still delays it), a body that
//     follows from the request (SVAML for voice callbacks), 404 for an
//     unknown function or path, 503 for a Stopped or Failed function. These
//     invocations stay out of the history, which the seed alone decides.
//
// Tests build a Server with New (an http.Handler) or serve one with Start,
// usually on a clock.Manual; RequestsBetween gives the ground truth that the
// endpoints must agree with.
package sim
