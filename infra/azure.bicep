// trustline on Azure: an App Service web app (Linux, Node 20) running the bot, Azure Table
// Storage for its records (shared by every instance, ETag concurrency), Application Insights
// over a Log Analytics workspace, and the Azure Bot registration with the Teams channel.
// Deployed by `teamsapp provision` (teamsapp.yml, parameters from infra/azure.parameters.json)
// or by `az deployment group create` (docs/DEPLOY.md).

@maxLength(20)
@minLength(4)
@description('Base of every resource name: letters, digits and hyphens. The web app name must be unique in Azure, so add a suffix (trustline + RESOURCE_SUFFIX).')
param resourceBaseName string

@description('Azure region for everything but the bot registration, which is global. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
@description('How the bot proves who it is to the Bot Framework: the Entra app registration given below (SingleTenant, what teamsapp.yml creates), or the user-assigned managed identity this template creates (UserAssignedMSI: no secret to store or rotate).')
param botAppType string = 'SingleTenant'

@description('Client (application) id of the bot\'s Entra app registration (BOT_ID). Required for SingleTenant; ignored for UserAssignedMSI.')
param botAadAppClientId string = ''

@secure()
@description('A client secret of that app registration (SECRET_BOT_PASSWORD). Required for SingleTenant; ignored for UserAssignedMSI.')
param botAadAppClientSecret string = ''

@description('Microsoft Entra tenant of the bot; by default the tenant of this subscription.')
param botAppTenantId string = tenant().tenantId

@description('Comma-separated tenant ids trustline serves. Empty: only the bot\'s own tenant.')
param allowedTenants string = ''

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan size. B1 is enough for one trust; Standard or Premium for deployment slots and autoscale. (Free and Shared plans cannot keep the bot always on.)')
param webAppSku string = 'B1'

@maxLength(42)
@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'trustline'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot tier. Teams is a standard channel, free and unmetered on F0.')
param botServiceSku string = 'F0'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
])
@description('Storage redundancy for the records (reports, audit trail). Standard_ZRS (where the region offers it, e.g. uksouth) survives the loss of a data centre; GZRS also a region.')
param storageSku string = 'Standard_LRS'

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs and telemetry (which hold ids, never personal data).')
param logRetentionDays int = 90

var useManagedIdentity = botAppType == 'UserAssignedMSI'
// Storage account names: 3-24 lowercase letters and digits, unique in Azure.
var storageAccountName = take(toLower(replace('${resourceBaseName}${uniqueString(resourceGroup().id, resourceBaseName)}', '-', '')), 24)

// The web app's identity; also the bot's identity when botAppType is UserAssignedMSI.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

var botAppId = useManagedIdentity ? identity.properties.clientId : botAadAppClientId

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // trustline connects with a connection string (AZURE_STORAGE_CONNECTION_STRING).
    allowSharedKeyAccess: true
  }
}

// trustline creates its own tables (with its AZURE_TABLE_PREFIX) at start.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    clientAffinityEnabled: false // any instance can serve any request: state is in Table Storage
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The package is built before deployment (teamsapp.yml runs `npm run build`), so start
      // the compiled service directly rather than `npm start`, whose prestart would rebuild.
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // App Service forwards to the container's PORT; listen on every interface inside it.
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'STORAGE'
          value: 'azure-table'
        }
        {
          name: 'AZURE_STORAGE_CONNECTION_STRING'
          value: storageConnectionString
        }
        {
          name: 'MicrosoftAppType'
          value: botAppType
        }
        {
          name: 'MicrosoftAppId'
          value: botAppId
        }
        {
          name: 'MicrosoftAppPassword'
          value: useManagedIdentity ? '' : botAadAppClientSecret
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botAppTenantId
        }
        {
          name: 'ALLOWED_TENANTS'
          value: empty(allowedTenants) ? botAppTenantId : allowedTenants
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          // Application Insights auto-instrumentation for Node on Linux: requests, failures, dependencies.
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        {
          // Run from the deployed zip (read-only, atomic swaps); no build on the server.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          // The package is read-only: anything written locally goes to persistent /home.
          name: 'TRUSTLINE_DATA_DIR'
          value: '/home/data/trustline'
        }
      ]
    }
  }
}

// Console output (trustline's structured logs, ids only) and HTTP logs to Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// Register the web app as a bot with the Bot Framework, on the Teams channel.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    botServiceSku: botServiceSku
    botAppId: botAppId
    botAppType: botAppType
    botAppTenantId: botAppTenantId
    identityResourceId: identity.id
    botAppDomain: webApp.properties.defaultHostName
  }
}

// Teams Toolkit writes these outputs to env/.env.<environment> (https://aka.ms/teamsfx-actions/arm-deploy).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
// The bot's app id as registered: BOT_ID for SingleTenant, the identity's client id for UserAssignedMSI.
output BOT_ID string = botAppId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output APPLICATIONINSIGHTS_NAME string = insights.name
