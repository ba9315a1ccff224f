package io.revkv.operator.chart;

/** One verb on one resource (or subresource, "kvclusters/status") of one API group ("" is the core group). */
record Permission(String group, String resource, String verb) {

    @Override
    public String toString() {
        return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
    }
}
