/**
 * Cluster-wide unique values of Services: ClusterIPs from the Service network and node ports from
 * their range. The ranges are pure ({@link io.korch.gateway.allocation.ClusterIpRange},
 * {@link io.korch.gateway.allocation.NodePortRange}); what is taken is read from the claims topic
 * ({@link io.korch.gateway.allocation.Claims}); a value is taken by a claim the change log applies
 * only while no other claim holds it ({@link io.korch.gateway.allocation.ServiceAllocator}), so
 * any number of gateways allocate at once without handing one value out twice.
 */
package io.korch.gateway.allocation;
