"""Upserts the pipeline definition and, with --start, starts a run."""

import argparse

import sagemaker

from pipeline.pipeline import get_pipeline


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--role-arn", required=True)
    parser.add_argument("--input-uri", required=True, help="S3 URI of the training data (CSV)")
    parser.add_argument("--start", action="store_true")
    args = parser.parse_args()
    pipeline = get_pipeline(sagemaker.Session(), args.role_arn, args.input_uri)
    pipeline.upsert(
        role_arn=args.role_arn,
        tags=[{"Key": "owner", "Value": "${{ values.owner }}"}],
    )
    if args.start:
        print(pipeline.start().arn)


if __name__ == "__main__":
    main()
