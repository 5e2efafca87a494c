import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseClarifyAnalysis } from './parseClarifyAnalysis';

const sample = readFileSync(
  resolve(__dirname, '__fixtures__', 'clarify_analysis.json'),
  'utf8',
);

describe('parseClarifyAnalysis', () => {
  it('reads global SHAP values, largest effect first', () => {
    const { importances } = parseClarifyAnalysis(sample);
    expect(importances.map(i => i.feature)).toEqual([
      'tenure_months',
      'contract_type',
      'monthly_charges',
      'support_calls',
      'age',
    ]);
    expect(importances[1]).toEqual({
      feature: 'contract_type',
      importance: -0.2207,
    });
  });

  it('reads pre- and post-training bias metrics per facet value', () => {
    const { biasMetrics } = parseClarifyAnalysis(sample);
    expect(biasMetrics.map(m => `${m.stage}:${m.name}`)).toEqual([
      'pre_training:CI',
      'pre_training:DPL',
      'post_training:DI',
      'post_training:DPPL',
      'post_training:RD',
    ]);
    expect(biasMetrics[2]).toEqual({
      name: 'DI',
      description: 'Disparate Impact (DI)',
      stage: 'post_training',
      label: '1',
      facet: 'gender',
      facetValue: 'female',
      value: 0.74,
    });
    // Clarify reports an error instead of a value for a metric it could not compute.
    expect(biasMetrics[4].value).toBeNull();
  });

  it('reads an explainability-only report', () => {
    const analysis = parseClarifyAnalysis(
      JSON.stringify({
        explanations: {
          kernel_shap: { label0: { global_shap_values: { x: 0.5 } } },
        },
      }),
    );
    expect(analysis).toEqual({
      importances: [{ feature: 'x', importance: 0.5 }],
      biasMetrics: [],
    });
  });

  it.each([
    ['', 'analysis.json is empty'],
    ['not json', 'analysis.json is not JSON'],
    ['[]', 'analysis.json is malformed at the top level'],
    [
      '{"pre_training_bias_metrics": {"facets": {"gender": [{"metrics": []}]}}}',
      'analysis.json is malformed at pre_training_bias_metrics.facets.gender.0.value_or_threshold',
    ],
    [
      '{"explanations": {"kernel_shap": {"l": {"global_shap_values": {"x": "high"}}}}}',
      'analysis.json is malformed at explanations.kernel_shap.l.global_shap_values.x',
    ],
  ])('refuses %j with a clear error', (text, message) => {
    expect(() => parseClarifyAnalysis(text)).toThrow(message);
  });
});
