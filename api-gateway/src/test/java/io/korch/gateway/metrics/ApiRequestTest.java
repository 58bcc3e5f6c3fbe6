package io.korch.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRequestTest {

    @ParameterizedTest(name = "{0} {1} watch={2} -> {3} {4}/{5}")
    @CsvSource(nullValues = "-", value = {
        "GET,    /api/v1/namespaces/default/pods,               false, list,             pods,        -",
        "GET,    /api/v1/pods,                                  false, list,             pods,        -",
        "GET,    /api/v1/namespaces/default/pods,               true,  watch,            pods,        -",
        "GET,    /api/v1/watch/namespaces/default/pods,         false, watch,            pods,        -",
        "GET,    /api/v1/namespaces/default/pods/web-1,         false, get,              pods,        -",
        "GET,    /api/v1/namespaces/default/pods/web-1/log,     false, get,              pods,        log",
        "GET,    /api/v1/namespaces/default/pods/web-1/exec,    false, connect,          pods,        exec",
        "POST,   /api/v1/namespaces/default/pods,               false, create,           pods,        -",
        "PUT,    /apis/apps/v1/namespaces/default/deployments/web, false, update,        deployments, -",
        "PATCH,  /apis/apps/v1/namespaces/default/deployments/web/scale, false, patch,   deployments, scale",
        "DELETE, /apis/apps/v1/namespaces/default/deployments/web, false, delete,        deployments, -",
        "DELETE, /api/v1/nodes,                                 false, deletecollection, nodes,       -",
        "GET,    /api/v1/namespaces,                            false, list,             namespaces,  -",
        "GET,    /api/v1/namespaces/default,                    false, get,              namespaces,  -",
        "PUT,    /api/v1/namespaces/default/status,             false, update,           namespaces,  status",
        "GET,    /api/v1/namespaces/default/events,             false, list,             events,      -",
        "GET,    /api/v1/namespaces/default/widgets-1234,       false, get,              -,           -",
        "GET,    /api/v1/namespaces/default/pods/web-1/made-up, false, get,              pods,        -",
        "GET,    /api,                                          false, get,              -,           -",
        "GET,    /apis/apps/v1,                                 false, get,              -,           -",
        "GET,    /version,                                      false, get,              -,           -",
        "GET,    /metrics,                                      false, get,              -,           -",
    })
    void readsTheVerbAndABoundedResourceFromThePath(String method, String path, boolean watch, String verb,
                                                   String resource, String subresource) {
        assertThat(ApiRequest.of(method, path, watch))
                .isEqualTo(new ApiRequest(verb, resource == null ? "" : resource, subresource == null ? "" : subresource));
    }
}
