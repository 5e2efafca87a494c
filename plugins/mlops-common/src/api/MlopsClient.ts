import { ResponseError } from '@backstage/errors';
import type { AuditPage, AuditQuery, AuditVerification } from './audit';
import type {
  CreateReviewRequest,
  DecisionRequest,
  EffectivePolicy,
  Review,
  ReviewQuery,
  WaiverRequest,
} from './governance';
import type {
  AttentionItem,
  DeploymentHealthReport,
  EvaluationTrend,
  RetrainingRun,
  RetrainRequest,
  VersionReports,
} from './health';
import type { TrainingRuns } from './experiments';
import type { LineageDirection, LineageGraph } from './lineage';
import type {
  AccessDecisionRequest,
  AccessRequest,
  AccessRequestQuery,
  CreateAccessRequest,
  DataProfile,
  DataQualityReport,
} from './data';
import type { MlopsApi } from './MlopsApi';

/** Finds a backend plugin's base URL (the frontend's and backend's discovery both fit). */
export interface MlopsDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** Makes authenticated requests (the frontend's fetchApi fits). */
export interface MlopsFetch {
  fetch: typeof fetch;
}

type QueryValue = string | number | boolean | undefined;

/** Typed client of the mlops backend's REST API (see its openapi spec). */
export class MlopsClient implements MlopsApi {
  constructor(
    private readonly options: {
      discoveryApi: MlopsDiscovery;
      fetchApi?: MlopsFetch;
    },
  ) {}

  getPolicy(entityRef: string): Promise<EffectivePolicy> {
    return this.get('/governance/policy', { entityRef });
  }

  listReviews(query: ReviewQuery = {}): Promise<Review[]> {
    return this.get<{ items: Review[] }>('/governance/reviews', query).then(
      body => body.items,
    );
  }

  getReview(id: string): Promise<Review> {
    return this.get(`/governance/reviews/${encodeURIComponent(id)}`);
  }

  createReview(request: CreateReviewRequest): Promise<Review> {
    return this.post('/governance/reviews', request);
  }

  decide(reviewId: string, request: DecisionRequest): Promise<Review> {
    return this.post(
      `/governance/reviews/${encodeURIComponent(reviewId)}/decisions`,
      request,
    );
  }

  waive(reviewId: string, request: WaiverRequest): Promise<Review> {
    return this.post(
      `/governance/reviews/${encodeURIComponent(reviewId)}/waivers`,
      request,
    );
  }

  retryWriteBack(reviewId: string): Promise<Review> {
    return this.post(
      `/governance/reviews/${encodeURIComponent(reviewId)}/write-back`,
      {},
    );
  }

  listAuditEvents(
    query: AuditQuery & { cursor?: string; limit?: number },
  ): Promise<AuditPage> {
    return this.get('/audit/events', query);
  }

  async auditExportUrl(
    query: AuditQuery & { format: 'csv' | 'jsonl' },
  ): Promise<string> {
    return this.url('/audit/export', query);
  }

  verifyAudit(options?: { cached?: boolean }): Promise<AuditVerification> {
    return this.get(
      '/audit/verify',
      options?.cached ? { cached: true } : undefined,
    );
  }

  getLineage(query: {
    entityRef: string;
    depth?: number;
    direction?: LineageDirection;
  }): Promise<LineageGraph> {
    return this.get('/lineage', query);
  }

  getDeploymentHealth(entityRef: string): Promise<DeploymentHealthReport> {
    return this.get('/model-health/deployment', { entityRef });
  }

  getModelHealth(entityRef: string): Promise<DeploymentHealthReport[]> {
    return this.get<{ items: DeploymentHealthReport[] }>(
      '/model-health/model',
      { entityRef },
    ).then(body => body.items);
  }

  getVersionReports(entityRef: string): Promise<VersionReports> {
    return this.get('/model-health/version-reports', { entityRef });
  }

  getEvaluationTrend(entityRef: string): Promise<EvaluationTrend> {
    return this.get('/model-health/evaluation-trend', { entityRef });
  }

  listNeedsAttention(): Promise<AttentionItem[]> {
    return this.get<{ items: AttentionItem[] }>('/model-health/attention').then(
      body => body.items,
    );
  }

  listRetrainingRuns(modelRef: string): Promise<RetrainingRun[]> {
    return this.get<{ items: RetrainingRun[] }>(
      '/model-health/retraining-runs',
      { entityRef: modelRef },
    ).then(body => body.items);
  }

  retrain(request: RetrainRequest): Promise<RetrainingRun> {
    return this.post('/model-health/retraining-runs', request);
  }

  listTrainingRuns(modelRef: string): Promise<TrainingRuns> {
    return this.get('/experiments/runs', { entityRef: modelRef });
  }

  listAccessRequests(query: AccessRequestQuery): Promise<AccessRequest[]> {
    return this.get<{ items: AccessRequest[] }>('/access/requests', {
      entityRef: query.entityRef,
      state: query.state,
      mine: query.mine || undefined,
      awaitingMe: query.awaitingMe || undefined,
    }).then(body => body.items);
  }

  createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest> {
    return this.post('/access/requests', request);
  }

  decideAccessRequest(
    id: string,
    decision: AccessDecisionRequest,
  ): Promise<AccessRequest> {
    return this.post(
      `/access/requests/${encodeURIComponent(id)}/decisions`,
      decision,
    );
  }

  getDataProfile(entityRef: string): Promise<DataProfile> {
    return this.get('/data/profile', { entityRef });
  }

  getDataQuality(entityRef: string): Promise<DataQualityReport> {
    return this.get('/data/quality', { entityRef });
  }

  private async url(
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<string> {
    const base = await this.options.discoveryApi.getBaseUrl('mlops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${base}${path}${search ? `?${search}` : ''}`;
  }

  private async get<T>(
    path: string,
    query?: Record<string, QueryValue>,
  ): Promise<T> {
    return this.request<T>(await this.url(path, query), { method: 'GET' });
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(await this.url(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(url: string, init: RequestInit): Promise<T> {
    const doFetch = this.options.fetchApi?.fetch ?? fetch;
    const response = await doFetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
