package io.revkv.operator.v1alpha1;

/** Schema constants shared by the fields that hold a Kubernetes quantity as a string. */
final class Quantities {

    /** The pattern the API server's own CRDs give a serialized quantity (apimachinery's resource.Quantity). */
    static final String PATTERN = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

    private Quantities() {
    }
}
