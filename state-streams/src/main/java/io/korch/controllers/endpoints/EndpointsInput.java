package io.korch.controllers.endpoints;

import io.korch.controllers.Ids;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * What every input of the endpoints controller starts from: its processor context and the stores it
 * reconciles the selecting Services through ({@link EndpointsSync}). A Service, a pod declaration or
 * a pod's status report comes in; the slices and Endpoints of the Services it touches go out.
 *
 * @param <V> the input record
 */
abstract class EndpointsInput<V> implements Processor<String, V, String, SpecificRecord> {

    private final Ids ids;
    /** Set by {@link #init}. */
    ProcessorContext<String, SpecificRecord> context;
    /** Set by {@link #init}. */
    EndpointsSync sync;

    EndpointsInput(Ids ids) {
        this.ids = ids;
    }

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sync = new EndpointsSync(context, ids);
    }
}
