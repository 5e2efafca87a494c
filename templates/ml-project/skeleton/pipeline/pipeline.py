"""The SageMaker pipeline of ${{ values.name }}: preprocess, train, evaluate, register.

A trained model is registered, as `PendingManualApproval`, in the model
package group `${{ values.name }}` only if its `${{ values.objectiveMetric }}`
passes ${{ values.threshold }}; approval happens in the portal's governance review.
"""

from sagemaker.estimator import Estimator
from sagemaker.image_uris import retrieve
from sagemaker.inputs import TrainingInput
from sagemaker.model_metrics import MetricsSource, ModelMetrics
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.sklearn.processing import SKLearnProcessor
from sagemaker.workflow.condition_step import ConditionStep
from sagemaker.workflow.conditions import {% if values.objectiveMetric in ['rmse', 'mae'] %}ConditionLessThanOrEqualTo as MetricCondition{% else %}ConditionGreaterThanOrEqualTo as MetricCondition{% endif %}
from sagemaker.workflow.functions import Join, JsonGet
from sagemaker.workflow.parameters import ParameterFloat, ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.properties import PropertyFile
from sagemaker.workflow.step_collections import RegisterModel
from sagemaker.workflow.steps import ProcessingStep, TrainingStep

PIPELINE_NAME = "${{ values.name }}-pipeline"
MODEL_PACKAGE_GROUP = "${{ values.name }}"
OBJECTIVE_METRIC = "${{ values.objectiveMetric }}"
ALGORITHM = "${{ values.algorithm }}"
FRAMEWORK_VERSION = {"xgboost": "1.7-1", "sklearn": "1.2-1", "pytorch": "2.2"}[ALGORITHM]


def get_pipeline(session, role_arn, input_uri):
    input_data = ParameterString("InputDataUri", default_value=input_uri)
    threshold = ParameterFloat("MetricThreshold", default_value=${{ values.threshold }})
    instance_type = ParameterString("TrainingInstanceType", default_value="${{ values.instanceType }}")
    processor = SKLearnProcessor(
        framework_version="1.2-1",
        role=role_arn,
        instance_type="ml.m5.large",
        instance_count=1,
        sagemaker_session=session,
        base_job_name=f"{PIPELINE_NAME}-preprocess",
    )
    preprocess = ProcessingStep(
        name="Preprocess",
        processor=processor,
        code="mlcode/preprocess.py",
        inputs=[ProcessingInput(source=input_data, destination="/opt/ml/processing/input")],
        outputs=[
            ProcessingOutput(output_name=name, source=f"/opt/ml/processing/output/{name}")
            for name in ("train", "validation", "test", "features")
        ],
    )
    outputs = preprocess.properties.ProcessingOutputConfig.Outputs
    image = retrieve(ALGORITHM, session.boto_region_name, version=FRAMEWORK_VERSION, instance_type="${{ values.instanceType }}")
    estimator = Estimator(
        image_uri=image,
        role=role_arn,
        instance_type=instance_type,
        instance_count=1,
        entry_point="mlcode/train.py",
        source_dir=".",
        sagemaker_session=session,
        base_job_name=f"{PIPELINE_NAME}-train",
    )
    train = TrainingStep(
        name="Train",
        estimator=estimator,
        inputs={
            "train": TrainingInput(outputs["train"].S3Output.S3Uri, content_type="text/csv"),
            "validation": TrainingInput(outputs["validation"].S3Output.S3Uri, content_type="text/csv"),
            "features": TrainingInput(outputs["features"].S3Output.S3Uri),
        },
    )
    evaluation_report = PropertyFile(name="Evaluation", output_name="evaluation", path="evaluation.json")
    evaluate = ProcessingStep(
        name="Evaluate",
        processor=processor,
        code="mlcode/evaluate.py",
        inputs=[
            ProcessingInput(source=train.properties.ModelArtifacts.S3ModelArtifacts, destination="/opt/ml/processing/model"),
            ProcessingInput(source=outputs["test"].S3Output.S3Uri, destination="/opt/ml/processing/test"),
        ],
        outputs=[ProcessingOutput(output_name="evaluation", source="/opt/ml/processing/evaluation")],
        property_files=[evaluation_report],
    )
    evaluation_uri = Join(
        on="/",
        values=[evaluate.properties.ProcessingOutputConfig.Outputs["evaluation"].S3Output.S3Uri, "evaluation.json"],
    )
    register = RegisterModel(
        name="Register",
        estimator=estimator,
        model_data=train.properties.ModelArtifacts.S3ModelArtifacts,
        content_types=["text/csv", "application/json"],
        response_types=["application/json"],
        inference_instances=["ml.m5.large", "ml.m5.xlarge"],
        transform_instances=["ml.m5.large"],
        model_package_group_name=MODEL_PACKAGE_GROUP,
        approval_status="PendingManualApproval",
        model_metrics=ModelMetrics(
            model_statistics=MetricsSource(s3_uri=evaluation_uri, content_type="application/json")
        ),
    )
    gate = ConditionStep(
        name="MetricPassesThreshold",
        conditions=[
            MetricCondition(
                left=JsonGet(step_name=evaluate.name, property_file=evaluation_report, json_path=f"metrics.{OBJECTIVE_METRIC}.value"),
                right=threshold,
            )
        ],
        if_steps=[register],
        else_steps=[],
    )
    return Pipeline(
        name=PIPELINE_NAME,
        parameters=[input_data, threshold, instance_type],
        steps=[preprocess, train, evaluate, gate],
        sagemaker_session=session,
    )
