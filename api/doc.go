// Package api talks to the Sinch Functions operations API: typed calls for
// every endpoint, OAuth 2.0 client-credentials authentication, one shared
// rate budget per project that keeps every caller under the documented
// limits, and log streams over Server-Sent Events that resume without gaps.
//
// Nothing here knows that a terminal exists.
package api
