package io.ptn.deploy;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Map;

/**
 * The subset of kustomize's Kustomization (and Component, deploy/k8s/components) that deploy/k8s uses, bound strictly
 * (any other field fails).
 */
record Kustomization(String apiVersion, String kind, List<String> resources, List<Image> images,
        List<Patch> patches, List<String> components) {

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
        boolean kustomization = "kustomize.config.k8s.io/v1beta1".equals(k.apiVersion())
                && "Kustomization".equals(k.kind());
        boolean component = "kustomize.config.k8s.io/v1alpha1".equals(k.apiVersion()) && "Component".equals(k.kind());
        if (!kustomization && !component) {
            throw new IllegalArgumentException("not a kustomize.config.k8s.io/v1beta1 Kustomization "
                    + "nor a kustomize.config.k8s.io/v1alpha1 Component");
        }
        return k;
    }

    List<String> resourcesOrEmpty() {
        return resources == null ? List.of() : resources;
    }

    List<String> componentsOrEmpty() {
        return components == null ? List.of() : components;
    }

    List<Image> imagesOrEmpty() {
        return images == null ? List.of() : images;
    }

    List<Patch> patchesOrEmpty() {
        return patches == null ? List.of() : patches;
    }
}
