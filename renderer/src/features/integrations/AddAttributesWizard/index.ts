export { AddAttributesWizard, type AddAttributesWizardProps } from './AddAttributesWizard';
