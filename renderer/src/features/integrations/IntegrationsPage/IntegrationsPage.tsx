import { Tabs } from '@mantine/core';
import { IconPlugConnected, IconRss, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { PageFrame } from '../../../app/PageFrame';
import { FeedsTab } from '../../feeds';
import { AttributesTab } from '../AttributesTab';
import { ConnectionsTab } from '../ConnectionsTab';
import { SyncJobsProvider } from '../syncJobs';
import classes from './IntegrationsPage.module.css';

type Tab = 'attributes' | 'feeds' | 'connections';

/** Custom attributes from CSV files, Salesforce and Snowflake, the connections they read through, and pulled event feeds. */
export function IntegrationsPage() {
  const [tab, setTab] = useState<Tab>('attributes');
  return (
    <SyncJobsProvider>
      <PageFrame title="Integrations" description="Custom attributes from your company’s own systems, and event feeds the app pulls">
        <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false} className={classes.tabs} data-testid="integrations-page">
          <Tabs.List>
            <Tabs.Tab value="attributes" leftSection={<IconTableImport size={16} />}>
              Custom attributes
            </Tabs.Tab>
            <Tabs.Tab value="feeds" leftSection={<IconRss size={16} />}>
              Feeds
            </Tabs.Tab>
            <Tabs.Tab value="connections" leftSection={<IconPlugConnected size={16} />}>
              Connections
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="attributes" className={classes.panel}>
            <AttributesTab />
          </Tabs.Panel>
          <Tabs.Panel value="feeds" className={classes.panel}>
            <FeedsTab />
          </Tabs.Panel>
          <Tabs.Panel value="connections" className={classes.panel}>
            <ConnectionsTab />
          </Tabs.Panel>
        </Tabs>
      </PageFrame>
    </SyncJobsProvider>
  );
}
