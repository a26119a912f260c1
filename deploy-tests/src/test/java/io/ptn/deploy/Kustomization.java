package io.ptn.deploy;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Map;

/** The subset of kustomize's Kustomization that deploy/k8s uses, bound strictly (any other field fails). */
record Kustomization(String apiVersion, String kind, List<String> resources, List<Image> images,
        List<Patch> patches) {

    record Image(String name, String newName, String newTag, String digest) {
    }

    record Patch(String path, String patch, Map<String, Object> target) {
    }

    static Kustomization parse(String yaml) {
        var docs = StrictYaml.documents(yaml);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("a kustomization.yaml holds exactly one document");
        }
        Kustomization k = StrictYaml.bind(docs.get(0), new TypeReference<Kustomization>() { });
        if (!"kustomize.config.k8s.io/v1beta1".equals(k.apiVersion()) || !"Kustomization".equals(k.kind())) {
            throw new IllegalArgumentException("not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        return k;
    }

    List<String> resourcesOrEmpty() {
        return resources == null ? List.of() : resources;
    }

    List<Image> imagesOrEmpty() {
        return images == null ? List.of() : images;
    }

    List<Patch> patchesOrEmpty() {
        return patches == null ? List.of() : patches;
    }
}
