"""Registers the onboarded model as a version in its model package group.

Run by CI after the image is pushed; the version starts as
PendingManualApproval, for the portal's governance review.
"""

import argparse

import boto3

GROUP = "${{ values.name }}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", required=True, help="URI of the pushed serving image")
    parser.add_argument("--model-data", default="${{ values.artifactUri }}")
    args = parser.parse_args()
    sagemaker = boto3.client("sagemaker")
    response = sagemaker.create_model_package(
        ModelPackageGroupName=GROUP,
        ModelPackageDescription="Onboarded ${{ values.runtime }} model",
        ModelApprovalStatus="PendingManualApproval",
        InferenceSpecification={
            "Containers": [{"Image": args.image, "ModelDataUrl": args.model_data}],
            "SupportedContentTypes": ["application/json"{% if values.runtime != 'r-plumber' %}, "text/csv"{% endif %}],
            "SupportedResponseMIMETypes": ["application/json"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.m5.xlarge"],
            "SupportedTransformInstanceTypes": ["ml.m5.large"],
        },
    )
    print(response["ModelPackageArn"])


if __name__ == "__main__":
    main()
