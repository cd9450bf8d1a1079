import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { unitTreeQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { SupportGraph } from './SupportGraph.tsx';
import { buildTreeModel } from './tree-model.ts';
import { UnitDetails } from './UnitDetails.tsx';
import { UnitTree } from './UnitTree.tsx';

export function ExplorerPage() {
  const tree = useQuery(unitTreeQuery);
  const model = useMemo(() => (tree.data ? buildTreeModel(tree.data.units) : null), [tree.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  return (
    <Page
      title="Organization"
      intro="Units, their managers and headcounts, and which back-office units serve whom."
    >
      {tree.isPending && <p className="muted">Loading the organization…</p>}
      <ErrorMessage error={tree.error} title="Could not load the organization" />
      {tree.data && model && (
        <>
          <div className="explorer">
            <section className="card tree-card" aria-labelledby="tree-title">
              <h2 id="tree-title">Unit tree</h2>
              <p className="hint" id="tree-help">
                Use the arrow keys to move, right and left to open and close, Enter to select.
              </p>
              {model.roots.length === 0 ? (
                <p className="muted">No units yet. An administrator can import them as CSV.</p>
              ) : (
                <UnitTree model={model} selectedId={selectedId} onSelect={setSelectedId} />
              )}
            </section>
            <div className="explorer-side">
              {selectedId ? (
                <UnitDetails tree={tree.data} unitId={selectedId} />
              ) : (
                <section className="card card-placeholder" aria-label="Unit details">
                  <p className="muted">Select a unit to see its details.</p>
                </section>
              )}
            </div>
          </div>
          <section className="card" aria-labelledby="support-title">
            <h2 id="support-title">Internal service: who supports whom</h2>
            <SupportGraph tree={tree.data} selectedId={selectedId} onSelect={setSelectedId} />
          </section>
        </>
      )}
    </Page>
  );
}
