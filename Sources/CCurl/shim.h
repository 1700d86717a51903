#ifndef POSTDECK_CCURL_SHIM_H
#define POSTDECK_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per option the worker sets.

typedef size_t (*postdeck_curl_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode postdeck_curl_set_url(CURL *handle, const char *url) {
    return curl_easy_setopt(handle, CURLOPT_URL, url);
}
static inline CURLcode postdeck_curl_set_post_body(CURL *handle, const void *body, long length) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, length);
    return curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body);
}
static inline CURLcode postdeck_curl_set_headers(CURL *handle, struct curl_slist *headers) {
    return curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
}
static inline CURLcode postdeck_curl_set_timeouts(CURL *handle, long total_ms, long connect_ms) {
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    return curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, total_ms);
}
static inline CURLcode postdeck_curl_set_body_callback(CURL *handle, postdeck_curl_callback callback, void *context) {
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, context);
}
static inline CURLcode postdeck_curl_set_header_callback(CURL *handle, postdeck_curl_callback callback, void *context) {
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    return curl_easy_setopt(handle, CURLOPT_HEADERDATA, context);
}
/// No signals (libcurl's DNS timeouts would use SIGALRM), HTTP and HTTPS only, no redirects
/// followed (a POST is not replayed elsewhere), a User-Agent.
static inline void postdeck_curl_set_defaults(CURL *handle, const char *user_agent) {
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(handle, CURLOPT_USERAGENT, user_agent);
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
}
static inline long postdeck_curl_response_code(CURL *handle) {
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
static inline int postdeck_curl_global_init(void) { return (int)curl_global_init(CURL_GLOBAL_DEFAULT); }

static const int postdeck_CURLE_OK = CURLE_OK;
static const int postdeck_CURLE_OPERATION_TIMEDOUT = CURLE_OPERATION_TIMEDOUT;
static const int postdeck_CURLE_COULDNT_CONNECT = CURLE_COULDNT_CONNECT;
static const int postdeck_CURLE_COULDNT_RESOLVE_HOST = CURLE_COULDNT_RESOLVE_HOST;

#endif
